"""The notice a browser window shows while its connection does not verify TLS certificates
(switched off in a bookmark's Advanced settings)."""

from __future__ import annotations

from app.core.errors import ErrorKind, UserError
from app.core.s3.session import S3Session
from app.ui.translation import translate


def tls_notice(session: S3Session | None) -> UserError | None:
    if session is None or not session.connection.tls_unverified:
        return None
    host = session.connection.host
    return UserError(
        ErrorKind.TLS_CERTIFICATE,
        translate(
            "TlsWarning",
            "TLS certificates of {0} are not verified: anyone on the network path could read "
            "and change this connection's data.",
        ).format(host),
        translate(
            "TlsWarning",
            "Tick Verify TLS certificates in the bookmark's Advanced settings, or give it a CA "
            "bundle, as soon as you can.",
        ),
        host=host,
    )
