"""TeX math to MathML Core, rendered by the browser with no JavaScript.

`to_mathml` converts one formula; `number_equations` numbers a whole post's equations;
`to_text` gives a formula's plain letters where only text can go.
"""
from .convert import MathOutput, MathProblem, to_mathml, to_text
from .numbering import number_equations

__all__ = ["MathOutput", "MathProblem", "number_equations", "to_mathml", "to_text"]
