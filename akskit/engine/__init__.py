"""The planning engine: standard library only, so it also runs in the browser (Pyodide).

Parsing (``cidr``, ``numbers``, ``models``, ``spec``), planning (``plans``, ``results``),
the rules AKS enforces (``checks``, ``cidr_checks``, ``findings``), the numbers from
Microsoft's pages with their sources (``facts``), and output (``report``, ``tables``,
``azcli``, ``explain``). The public names are re-exported by :mod:`akskit`.
"""
