"""Preview: the local server that rebuilds on every save and reloads the browser.

The server and its live-reload client (`server`, `client.js`), the open
pages' event streams (`streams`), batched file watching (`watch`), each batch
of saves sorted into the kind of change it is (`changes`), the save that
re-renders one page (`quicksave`), and the terminal's account of each (`report`).
May import `glossator.build` and everything below it.
"""

DEFAULT_PORT = 8000  # the preview's port unless told otherwise (the next free one if it is taken)
