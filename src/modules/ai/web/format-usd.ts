export { formatUsd } from '../../../platform/format/format-de.js';
