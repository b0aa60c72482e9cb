"""Editing an object in place: a private copy, watched, each save uploaded as a job.

- `store.EditStore`: the private folder (0700) under the state folder, one sub-folder per open
  edit holding the copy (0600) and its record (`record.OpenEdit`: bucket, key, version, ETag,
  bookmark, local path; never a secret). An edit is held by a `flock` that dies with its
  process, so the edits a crash left are found at the next start (`left_behind`).
- `watch.FileWatcher`: polls the copy (size, mtime, then a hash) and reports a save once the
  file has stopped changing (debounced).
- `kept.KeptProperties`: what an upload must restate so the object keeps its headers, user
  metadata, tags, ACL, storage class and encryption.
- `session.EditSession`: opens an edit (HEAD, download), uploads a save through a transfer
  engine after checking the object on the server, and asks `conflict.ServerChanged` questions
  when it changed since it was opened.
"""
