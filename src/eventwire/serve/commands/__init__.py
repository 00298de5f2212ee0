"""CLI command modules: each module here defines `register(app: typer.Typer)`.

`eventwire.serve.cli` imports every module of this package and calls its
`register`, so a feature adds its commands in its own file.
"""
