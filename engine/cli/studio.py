"""`ratings studio`: the framework studio, a local web application, started by one command."""

from __future__ import annotations

from pathlib import Path

import click

from .common import make_engine


@click.command(short_help="Browse, draft and compare framework versions.")
@click.option("--frameworks-dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("frameworks"),
              show_default=True, help="The folder drafts are written to (and read from, with the installed versions).")
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A folder of past inspections, to see a draft's impact on them and to evaluate them.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Any address but this machine's own needs the token printed at start.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="The port to listen on (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser; only print the address.")
def studio(folder: Path, corpus: Path | None, host: str, port: int, no_browser: bool) -> None:
    """Browse, draft, compare and publish framework versions in a browser.

    Needs the studio extra: pip install 'ratings-engine[studio]'. Stop it with Ctrl-C.

    \b
    Examples:
      ratings studio
      ratings studio --frameworks-dir frameworks --corpus examples/corpus --no-browser
    """
    try:
        from werkzeug.serving import make_server

        from ..studio.app import create_app
        from ..studio.guard import Guard, is_loopback, new_token
        from ..studio.workspace import Workspace
    except ImportError as error:
        raise click.ClickException(f"the studio needs its extra ({error.name} is not installed): "
                                   "pip install 'ratings-engine[studio]'") from None
    engine = make_engine((folder,))
    token = None if is_loopback(host) else new_token()
    server = make_server(host, port, lambda environ, start: app(environ, start), threaded=True)
    guard = Guard(host, server.server_port, token)
    app = create_app(Workspace(engine.registry, folder, corpus=corpus), guard)
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104 - naming the address, not binding it
    address = f"http://{shown_host}:{server.server_port}/" + (f"?token={token}" if token else "")
    click.echo(f"The framework studio is at {address}")
    if token:
        click.echo(f"It listens on {host}: every browser needs the address above, with its token, the first time.")
    click.echo("Press Ctrl-C to stop it.")
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (address,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
