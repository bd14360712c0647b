"""The one exception the converter raises inside; `to_mathml` turns it into a MathProblem."""


class TexError(Exception):
    """A formula the converter cannot render faithfully, with where it went wrong."""

    def __init__(self, message: str, offset: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
