import { mount } from './react-start-app.js'

mount(() => {})
