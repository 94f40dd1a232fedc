import { useAnalytics } from 'groupkit'
import { mount } from './react-start-app.js'

mount(useAnalytics)
