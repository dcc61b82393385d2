class ApplicationError(Exception):
    """A rule of the domain refused an action; the message is shown to the user as it is.

    Services raise it; views turn it into a form error or a message, never a 500.
    """

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
