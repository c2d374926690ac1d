"""The web workbench (`archivist serve`): FastAPI app, auth, rendering, review."""
