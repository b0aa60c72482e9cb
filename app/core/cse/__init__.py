"""Client-side encryption in the AWS S3 Encryption Client format.

Objects are encrypted here before upload and decrypted after download: AES-256-GCM content,
the data key wrapped by KMS (`kms+context`) or a local AES-256 key (`AES/GCM`), the envelope in
the object's metadata or in an instruction file. Reads the v2 and the key-committing v3 message
formats; writes v3, which the official clients read with their default, strictest settings.
"""
