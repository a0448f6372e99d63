// Where the phone is (navigator.geolocation), as a promise: check-in, a customer's coordinates, a route's start.
// Refusals carry `geo`: denied | unavailable | timeout | unsupported (locale keys geo.<that>, attendance.geo.<that>).

// A fresh fix each time; a phone indoors may take a while to find one.
const FIX = { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 };
const GEO_ERRORS = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

export function locate() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(Object.assign(new Error('unsupported'), { geo: 'unsupported' }));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => reject(Object.assign(new Error(e.message), { geo: GEO_ERRORS[e.code] ?? 'unavailable' })),
      FIX,
    );
  });
}

// Finds the phone for an element that shows it: sets `locating` while it looks and `geoError` (denied | unavailable |
// timeout | unsupported, or null) after, redrawing the element each time; `use(position)` takes a position found.
export async function locateFor(element, use) {
  element.locating = true;
  element.geoError = null;
  element.requestUpdate();
  try {
    use(await locate());
  } catch (error) {
    element.geoError = error.geo ?? 'unavailable';
  }
  element.locating = false;
  element.requestUpdate();
}

// Decimal text for the API (six decimals: about 0.1 m), never a float in JSON.
export const degrees = (value) => value.toFixed(6);

// A geo: URI (RFC 5870) that opens the phone's map app at a point, labelled with a name.
export function geoUri(latitude, longitude, name = '') {
  // As the server writes them (crm route stops): the label's own brackets are escaped too.
  const label = name ? `(${encodeURIComponent(name).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})` : '';
  return `geo:${latitude},${longitude}?q=${latitude},${longitude}${label}`;
}
