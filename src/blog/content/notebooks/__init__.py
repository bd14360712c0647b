"""Jupyter notebooks as posts: `.ipynb` files and jupytext text notebooks beside Markdown posts.

reader.py reads a notebook (front.py finds its front matter, execute.py runs it when asked),
layout.py turns its cells into a Markdown body plus HTML parts (cells.py: what each cell shows;
outputs.py: what each output becomes), and plugin.py puts the parts back while the post renders.
"""
