// A readable name for a session's User-Agent ("Chrome on Windows", "WeChat on iOS") and whether it
// is a phone. Only for display: the raw string stays available as the row's tooltip.
const BROWSERS = [
  [/Afield/i, 'Afield'],
  [/MicroMessenger/i, 'WeChat'],
  [/DingTalk/i, 'DingTalk'],
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS/, 'Firefox'],
  [/SamsungBrowser/, 'Samsung Internet'],
  [/Chrome\/|CriOS|Chromium/, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];
const SYSTEMS = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];
const MOBILE = /Mobile|iPhone|iPad|iPod|Android|HarmonyOS/;

export function describeAgent(ua) {
  if (!ua) return { browser: null, os: null, mobile: false, raw: null };
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1] ?? null;
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  // A tool such as "curl/8.5.0" or "python-requests/2.31": its first word names it.
  const raw = ua.trim().split(/\s+/)[0].slice(0, 40);
  return { browser, os, mobile: MOBILE.test(ua), raw };
}
