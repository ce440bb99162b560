"""The `ratings` commands that rate inspections: evaluate (one, or a batch) and explain."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import InvalidInputError, PluginError
from .common import (
    allow_out_of_window_option,
    declare_inputs,
    emit,
    framework_name,
    frameworks_dir_option,
    make_engine,
    output_option,
    text_or_json_option,
)

framework_option = click.option(
    "--framework", "framework_name", metavar="ID@VERSION", callback=framework_name,
    help="The framework version to rate under (or a framework file). Default: the inspection's "
         "'framework', else the version in force on its fieldwork start date.")


@click.command()
@click.argument("inspections", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@framework_option
@click.option("--compare-with", "compare_with", metavar="ID@VERSION", callback=framework_name,
              help="Also rate the inspection under this version and show, per standard, both ratings and why they "
                   "differ. Data that version has no use for is ignored, with a note.")
@click.option("--previous", type=click.Path(path_type=Path, readable=False),
              help="The provider's previous inspection: its figures are shown beside this one's where a format has "
                   "a previous column (for example the prompt tables).")
@click.option("--format", "format_name", metavar="NAME",
              help="Output format: text, json, markdown, csv, csv-standards, html, or one a plugin adds. "
                   "Default from -o's extension, else text (json for a batch).")
@output_option("Write the result to this file (atomically) instead of standard output; - for standard output.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="For several inspections (or a folder of them): write each result to DIR/NAME.result.EXT "
                   "(inspections of the same name from different folders: in subfolders of DIR named after theirs).")
@click.option("--summary", type=click.Path(path_type=Path), metavar="FILE",
              help="With --output-dir: also write a CSV with one row per inspection, and beside it "
                   "NAME-key-questions.csv with each key question across the inspections.")
@click.option("--force", is_flag=True, help="With --output-dir: replace results and summaries that already exist.")
@allow_out_of_window_option
@frameworks_dir_option
def evaluate(inspections: tuple[Path, ...], framework_name: str | None, compare_with: str | None, previous: Path | None,
             format_name: str | None, output: Path | None, output_dir: Path | None, summary: Path | None, force: bool,
             allow_out_of_window: bool, frameworks_dirs) -> None:
    """Rate the inspection in INSPECTION and show each standard's rating with its reason.

    Given several inspection files or a folder, rate each: with --output-dir, each result is
    written to its own file; a file that cannot be rated is reported and skipped, the others
    still complete, and the exit code is 1 if any failed.
    """
    from ..reports.result import result_document

    engine = make_engine(frameworks_dirs)
    batch = len(inspections) > 1 or any(p.is_dir() for p in inspections) or output_dir is not None
    if batch:
        if output is not None or compare_with is not None or previous is not None:
            raise click.UsageError("-o, --compare-with and --previous are for one inspection; for several, use --output-dir")
        _batch(engine, inspections, framework_name, format_name, output_dir, summary, force, allow_out_of_window)
        return
    if summary is not None:
        raise click.UsageError("--summary goes with --output-dir")
    inspection = inspections[0]
    declare_inputs(inspection, previous, framework_name)
    evaluation = engine.evaluate_file(inspection, framework_name, allow_out_of_window=allow_out_of_window)
    declare_inputs(evaluation.framework.path)
    if compare_with is not None:
        from ..analysis.rerate import render_rerate_text, rerate
        from ..io.jsonio import to_json_text

        if format_name not in (None, "text", "json"):
            raise click.BadParameter("with --compare-with, the format is text or json", param_hint="--format")
        other = engine.evaluate_file(inspection, compare_with, allow_out_of_window=True, lenient=True)
        comparison = rerate(evaluation, other)
        declare_inputs(other.framework.path)
        chosen = format_name or ("json" if output is not None and output.suffix.lower() == ".json" else "text")
        emit(to_json_text(comparison) if chosen == "json" else render_rerate_text(comparison), output, chosen)
        return
    formats = engine.registry.output_formats
    chosen = _choose_format(formats, format_name, output, "text")
    document = result_document(evaluation)
    if previous is not None:
        from ..reports.result import with_previous

        document = with_previous(document, result_document(engine.evaluate_file(previous, allow_out_of_window=allow_out_of_window)))
    emit(render(engine.registry, chosen, document), output, chosen)


def _batch(engine, inspections, framework_name, format_name, output_dir, summary_path, force, allow_out_of_window) -> None:
    from .batch import run_batch

    run_batch(engine, inspections, framework_name, format_name, output_dir, summary_path, force, allow_out_of_window)


@click.command()
@click.argument("inspection", type=click.Path(path_type=Path, readable=False))
@click.argument("standards", nargs=-1)
@framework_option
@text_or_json_option("text: plain sentences; json: the same explanation for machines.")
@output_option()
@allow_out_of_window_option
@frameworks_dir_option
def explain(inspection: Path, standards: tuple[str, ...], framework_name: str | None, format_name: str, output: Path | None,
            allow_out_of_window: bool, frameworks_dirs) -> None:
    """Explain why each standard (or each STANDARD given) was rated as it was, and the overall rating.

    Which key question drove the rating, its count, percentage and band; how many cases more or
    fewer would have crossed a boundary; which cases were excluded and why; whether discretion was
    eligible and why; what moderation or discretion changed, with the recorded rationale.
    """
    from ..analysis.explain import explain as explanation_of
    from ..analysis.explain import render_explanation
    from ..io.jsonio import to_json_text

    engine = make_engine(frameworks_dirs)
    declare_inputs(inspection, framework_name)
    evaluation = engine.evaluate_file(inspection, framework_name, allow_out_of_window=allow_out_of_window)
    declare_inputs(evaluation.framework.path)
    known = [s.standard.id for s in evaluation.standards]
    unknown = [s for s in standards if s not in known]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not a standard of {evaluation.framework.ref} (its standards: {', '.join(known)})",
                                 param_hint="STANDARDS")
    explanation = explanation_of(evaluation, engine.registry, list(standards) or None)
    emit(to_json_text(explanation) if format_name == "json" else render_explanation(explanation), output, format_name)


@click.command()
@click.argument("result", type=click.Path(path_type=Path, readable=False))
@click.argument("inspection", type=click.Path(path_type=Path, readable=False))
@text_or_json_option("text: 'reproduced' or what differs; json: the same for machines.")
@frameworks_dir_option
def replay(result: Path, inspection: Path, format_name: str, frameworks_dirs) -> None:
    """Re-evaluate INSPECTION under the framework version RESULT records, and say whether RESULT is reproduced.

    Checks the framework file's SHA-256 and the inspection's against those recorded, then compares
    the ratings. Exits 0 when reproduced, 1 when anything differs.
    """
    from ..analysis.replay import render_replay_text
    from ..analysis.replay import replay as replay_result
    from ..io.jsonio import to_json_text

    declare_inputs(result, inspection)
    report_ = replay_result(make_engine(frameworks_dirs), result, inspection)
    click.echo(to_json_text(report_) if format_name == "json" else render_replay_text(report_), nl=False)
    if not report_["reproduced"]:
        sys.exit(1)


@click.command()
@click.argument("inspection", type=click.Path(path_type=Path, readable=False))
@click.option("--resamples", default=10_000, show_default=True, type=click.IntRange(1, 1_000_000), help="How many resamples.")
@click.option("--seed", default=0, show_default=True, type=int, help="The random seed: the same seed gives the same figures.")
@framework_option
@text_or_json_option("text: shares a person reads; json: the same for machines.")
@allow_out_of_window_option
@frameworks_dir_option
def stability(inspection: Path, resamples: int, seed: int, framework_name: str | None, format_name: str,
              allow_out_of_window: bool, frameworks_dirs) -> None:
    """How firm each rating is given the sample sizes: re-rate resamples of the cases.

    Each case sample is resampled with replacement RESAMPLES times and every standard re-rated
    (with moderation as recorded; professional discretion is not repeated). Reports, per standard
    and overall, the share of resamples giving each rating.
    """
    from ..analysis.stability import stability as stability_of
    from ..analysis.stability_text import render_stability_text
    from ..io.jsonio import placed, to_json_text
    from ..rating.inspection import load_inspection

    engine = make_engine(frameworks_dirs)
    document, raw = load_inspection(inspection)
    evaluation = engine.evaluate_loaded(document, raw, inspection, framework_name, allow_out_of_window=allow_out_of_window)
    try:
        report_ = stability_of(evaluation, document, engine.registry, resamples, seed, file=str(inspection))
    except InvalidInputError as error:
        raise placed(error, str(inspection), raw) from None
    click.echo(to_json_text(report_) if format_name == "json" else render_stability_text(report_), nl=False)


def render(registry, name: str, document: dict) -> str:
    """Render DOCUMENT in output format NAME; a format that fails or returns no text names its plugin."""
    text = registry.call("output format", name, registry.output_format(name).render, document)
    if not isinstance(text, str):
        raise PluginError(f"{registry.who('output format', name)} returned {type(text).__name__}, not text",
                          plugin=registry.plugin_of("output format", name))
    return text


def _choose_format(formats, name: str | None, output: Path | None, default: str) -> str:
    if name is not None:
        if name not in formats:
            disabled = os.environ.get("RATINGS_DISABLE_PLUGINS", "").strip()
            setting = f" (RATINGS_DISABLE_PLUGINS={disabled} leaves plugins out)" if disabled else ""
            raise click.BadParameter(f"{name!r} is not an output format; known: {', '.join(sorted(formats)) or 'none'}{setting}",
                                     param_hint="--format")
        return name
    if output is not None:
        suffix = output.suffix.lower()
        for candidate, fmt in sorted(formats.items()):
            if suffix in (extension.lower() for extension in fmt.extensions):
                return candidate
    if default not in formats:
        disabled = os.environ.get("RATINGS_DISABLE_PLUGINS", "").strip()
        setting = f"; RATINGS_DISABLE_PLUGINS={disabled} leaves plugins out" if disabled else ""
        # The plugins left out are the user's setting, not a fault of any plugin: a usage error, as for --format.
        raise click.UsageError(f"output format {default!r}, the default here, is not available: no loaded plugin provides it "
                               f"(loaded: {', '.join(sorted(formats)) or 'none'}){setting}; name an available one with --format")
    return default
