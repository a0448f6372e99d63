// "45 seconds" / "3 minutes" (45 秒钟 / 3 分钟): how long until another sign-in attempt is allowed.
import { getLanguage } from '../../core/i18n.js';

export function waitText(seconds) {
  const [value, unit] = seconds < 60 ? [Math.max(1, seconds), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  try {
    return new Intl.NumberFormat(getLanguage(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  } catch {
    return `${value} ${unit === 'second' ? 's' : 'min'}`;
  }
}
