// The bridge token, when the host asks for one ([bridge.auth] mode "token" or "jwt").
// It arrives once in the URL fragment (http://host:8080/#token=…: a fragment never reaches
// a server, a proxy or an access log), is kept in sessionStorage (this tab only, gone when
// it closes) and taken out of the address bar at once, so it is not bookmarked or shared
// with a copied link. The WebSocket presents it as the subprotocol pair ["bearer", token].
const STORAGE_KEY = 'streamweaver.token';
let memory = null; // when sessionStorage is disabled

// Moves a #token=… in the fragment to sessionStorage; true when there was one.
function takeFromFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (!token) return false;
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    /* storage disabled: the token lasts as long as this page */
    memory = token;
  }
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return true;
}

export function currentToken() {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? memory;
  } catch {
    return memory;
  }
}

// Call before anything else reads the fragment. onNewToken runs when a link with a new
// token is opened in this page (registered first, so the token is gone from the fragment
// before the view state reads it).
export function initToken(onNewToken) {
  takeFromFragment();
  addEventListener('hashchange', () => {
    if (takeFromFragment()) onNewToken();
  });
}
