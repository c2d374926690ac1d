"""The web workbench (`archivist serve`): read, search and review a corpus in a browser.

* `app` - the FastAPI app: documents list, document view (clean text with page
  breaks, linked footnotes, highlighted corrections and entities, or the original as
  read), search (KWIC, facets), timeline, entities, review queue, and a JSON API
  (``/api/documents``, ``/api/documents/{id}``, ``/api/search?q=``, ``/api/entities``,
  ``/api/timeline``, ``/api/review``);
* `auth` - access token or accounts, signed HttpOnly SameSite=Strict (and Secure
  behind TLS) session cookies, CSRF tokens, login throttling (per client, account
  and device cookie; paced, never locked, all together);
* `accounts` - roles (reader, reviewer, admin) and scrypt password hashes;
* `render` - the document's HTML, escaped piece by piece;
* `review` - the queue of uncertain corrections and accepting/rejecting them;
* `cli` - the ``serve`` command (127.0.0.1:8000 by default) and ``users`` (accounts).
"""
