"""The usage error of the transfer options, apart from them: every command's set-up error
handling names it (`setup_errors`) without importing the transfer engine's option types."""


class TransferArgsError(ValueError):
    pass
