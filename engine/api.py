"""The engine as a library: find frameworks, load and check files, evaluate inspections.

    from ratings_engine.api import Engine
    engine = Engine()
    evaluation = engine.evaluate_file("examples/south-yorkshire-crc-2020.json")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FrameworkNotFoundError, FrameworkWindowError, InvalidInputError, Problem, SelectionError, hint_for
from .io.jsonio import placed, sha256
from .model.catalogue import Catalogue, names_a_file, search_path
from .model.framework import Framework
from .model.load import load_framework
from .plugin_host.registry import Registry, load_registry
from .rating.evaluate import Evaluation, evaluate
from .rating.inspection import load_inspection

if TYPE_CHECKING:  # the check of one file is loaded by validate alone, not by every command
    from .analysis.file_check import FileCheck


@dataclass(frozen=True)
class Choice:
    """The framework chosen for an inspection, how it was chosen, and any warning the result must carry."""

    framework: Framework
    how: str
    warnings: tuple[dict, ...] = ()


def _window(start: date | None, end: date | None) -> str:
    if start is None:
        return "(no effective dates)"
    return f"from {start.isoformat()} to {end.isoformat()}" if end else f"from {start.isoformat()}"


def _distance(entry: Any, day: date) -> int:
    if entry.effective_from is not None and day < entry.effective_from:
        return (entry.effective_from - day).days
    if entry.effective_to is not None and day > entry.effective_to:
        return (day - entry.effective_to).days
    return 0 if entry.effective_from is not None else 10**9


class Engine:
    """Plugins, the framework search path and loaded frameworks, for one command or program."""

    def __init__(self, registry: Registry | None = None, frameworks_dirs: Iterable[Path] = ()):
        self._registry = registry
        self._dirs = [Path(d) for d in frameworks_dirs]
        self._catalogue: Catalogue | None = None
        self._loaded: dict[Path, Framework] = {}

    @property
    def registry(self) -> Registry:
        """The plugins' rating methods, moderation rules, output formats and framework folders, loaded on first use."""
        if self._registry is None:
            self._registry = load_registry()
        return self._registry

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue.discover(search_path(self.registry.framework_paths, self._dirs))
        return self._catalogue

    def load_framework_file(self, path: Path) -> Framework:
        """The framework in the file at PATH, checked; loaded once however often it is asked for."""
        key = Path(path).resolve()
        if key not in self._loaded:
            self._loaded[key] = load_framework(path, self.registry)
        return self._loaded[key]

    def framework(self, name: str) -> Framework:
        """The framework named ID@VERSION, or the framework file at a path.

        Raises FrameworkNotFoundError naming NAME, with the code 'framework-conflict' where two files
        with different contents claim the version.
        """
        if names_a_file(name):
            # Anything at the path goes to the reader, which says what it is if it is not a file.
            if not Path(name).exists():
                raise FrameworkNotFoundError(f"no framework file at {name}", named=name)
            return self.load_framework_file(Path(name))
        try:
            entry = self.catalogue.find(name)
        except FrameworkNotFoundError as error:
            code = "framework-conflict" if name in self.catalogue.conflicts else error.code
            raise FrameworkNotFoundError(str(error), code=code, named=name, hint=error.hint) from None
        return self.load_framework_file(entry.path)

    def choose_framework(self, inspection: dict[str, Any], explicit: str | None = None, *,
                         allow_out_of_window: bool = False, file: str | None = None, raw: bytes | None = None) -> Choice:
        """The framework to rate INSPECTION under, and why.

        EXPLICIT (ID@VERSION or a file), else the inspection's 'framework', else the version of its
        family in force on its fieldwork start date. A version whose effective dates exclude that
        date is refused unless ALLOW_OUT_OF_WINDOW, and then the choice carries a warning.

        Every command chooses here, so each reports a framework it cannot choose the same way: an
        InvalidInputError with one problem in the inspection FILE (whose bytes RAW give the line), at
        /framework, or at /fieldwork_start for a date outside the effective dates. Where EXPLICIT
        named the framework, the problem's hint says it came from the command line.
        """
        try:
            return self._choose(inspection, explicit, allow_out_of_window)
        except SelectionError as error:
            pointer = "/fieldwork_start" if error.code == "out-of-window" else "/framework"
            named = "the framework was named on the command line" if explicit and "--framework" not in str(error) else None
            hint = "; ".join(h for h in (error.hint, named) if h) or None
            problems = InvalidInputError([Problem(error.code, str(error), file, pointer, hint)])
            raise (placed(problems, file, raw) if file is not None and raw is not None else problems) from None

    def _choose(self, inspection: dict[str, Any], explicit: str | None, allow_out_of_window: bool) -> Choice:
        day = date.fromisoformat(inspection["fieldwork_start"])
        name = explicit or inspection.get("framework")
        source = "--framework" if explicit else "the inspection's 'framework'"
        if name and ("@" in name or names_a_file(name)):
            framework = self.framework(name)
            warning = self._window_check(framework, day, f"named by {source}", allow_out_of_window)
            return Choice(framework, f"named by {source}", warning)
        family = name
        families = sorted({e.id for e in self.catalogue.entries})
        if family is None and len(families) > 1:
            raise FrameworkNotFoundError(
                f"more than one framework family is installed ({', '.join(families)}); name one with --framework "
                "or in the inspection's 'framework', for example \"framework\": \"" + families[0] + "\"",
                code="framework-ambiguous")
        if family is not None and family not in families:
            hint = hint_for(family, families)
            raise FrameworkNotFoundError(f"no framework family {family!r} is installed" + (f" ({hint})" if hint else ""))
        candidates = self.catalogue.in_force(day, family)
        if len(candidates) == 1:
            # Looking it up by name refuses a version two files claim, whichever way it was chosen.
            return Choice(self.framework(candidates[0].ref), f"in force on {day.isoformat()}")
        if candidates:
            raise FrameworkNotFoundError(
                f"more than one framework version is in force on {day.isoformat()} "
                f"({', '.join(c.ref for c in candidates)}); name one with --framework ID@VERSION",
                code="framework-ambiguous")
        versions = [e for e in self.catalogue.entries if family is None or e.id == family]
        if not allow_out_of_window or not versions:
            raise self._none_in_force(day, family, versions)
        nearest = min(versions, key=lambda e: (_distance(e, day), -(e.effective_from or date.min).toordinal()))
        framework = self.framework(nearest.ref)
        return Choice(framework, f"nearest to {day.isoformat()}", self._window_check(framework, day, "the nearest version", True))

    def _none_in_force(self, day: date, family: str | None, versions: list) -> FrameworkWindowError:
        """The refusal of an inspection dated where no version of FAMILY (of any family, if None) is in force.

        It says whether the date is after the family's last window or before its first, and its
        hint names the versions of every family that are in force on that date.
        """
        windows = "; ".join(f"{e.ref} {_window(e.effective_from, e.effective_to)}" for e in versions) or "none installed"
        ends = [e.effective_to for e in versions if e.effective_from is not None]
        starts = [e.effective_from for e in versions if e.effective_from is not None]
        where = ""
        if family is not None and starts and day < min(starts):
            where = f": that is before the first version of {family} took effect, on {min(starts).isoformat()}"
        elif family is not None and ends and all(ends) and day > (last := max(e for e in ends if e)):
            where = f": that is after the last version of {family} ended, on {last.isoformat()}"
        return FrameworkWindowError(
            f"no framework version is in force on the fieldwork start date {day.isoformat()} ({windows}){where}; "
            "name one with --framework ID@VERSION, or pass --allow-out-of-window to use the nearest",
            hint=self._in_force_hint(day))

    def _in_force_hint(self, day: date) -> str:
        """Which families have a version in force on DAY, and which version, for a refusal's hint."""
        in_force = self.catalogue.in_force(day)
        if not in_force:
            return f"no installed framework family has a version in force on {day.isoformat()}"
        by_family = ", ".join(f"{e.id} ({e.ref})" for e in in_force)
        return f"in force on {day.isoformat()}: {by_family}"

    def _window_check(self, framework: Framework, day: date, how: str, allow: bool) -> tuple[dict, ...]:
        start, end = framework.effective_from, framework.effective_to
        if start is not None and start <= day and (end is None or day <= end):
            return ()
        applies = "has no effective dates" if start is None else f"applies to fieldwork {_window(start, end)}"
        message = f"{framework.ref} ({how}) {applies}, but this inspection's fieldwork started on {day.isoformat()}"
        if not allow:
            in_force = [e.ref for e in self.catalogue.in_force(day, framework.id)]
            advice = f"the version in force then is {in_force[0]}" if in_force else "no version of it is in force then"
            raise FrameworkWindowError(f"{message}; {advice}. Pass --allow-out-of-window to rate under it anyway",
                                       hint=None if in_force else self._in_force_hint(day))
        return ({"code": "out-of-window", "message": message},)

    def evaluate_file(self, path: str | Path, framework: str | None = None, *, allow_out_of_window: bool = False,
                      lenient: bool = False) -> Evaluation:
        """Evaluate the inspection file at PATH; raises InvalidInputError listing every problem.

        LENIENT ignores, with a warning, data the framework version has no use for (for re-rating
        an inspection under another version).
        """
        document, raw = load_inspection(path)
        return self.evaluate_loaded(document, raw, path, framework, allow_out_of_window=allow_out_of_window, lenient=lenient)

    def evaluate_loaded(self, document: dict[str, Any], raw: bytes, path: str | Path, framework: str | None = None, *,
                        allow_out_of_window: bool = False, lenient: bool = False) -> Evaluation:
        """Evaluate an inspection already read by load_inspection (DOCUMENT and its bytes RAW, from PATH).

        For callers that need the document too (ratings stability resamples its cases), so that the
        file is read and checked once.
        """
        pool = self._pool(document, raw, path)  # the pooled files' own problems come first, whatever the framework
        choice = self.choose_framework(document, framework, allow_out_of_window=allow_out_of_window, file=str(path), raw=raw)
        return self.evaluate_under(choice.framework, document, raw, path, lenient=lenient, warnings=choice.warnings, pool=pool)

    def evaluate_under(self, framework: Framework, document: dict[str, Any], raw: bytes, path: str | Path, *,
                       lenient: bool = False, warnings: tuple[dict, ...] = (), counted_in: Evaluation | None = None,
                       pool: tuple | None = None, input_sha256: str | None = None, ratings_only: bool = False,
                       reuse: Any = None, decided_only: bool = False, prompt_figures: bool = True,
                       hashed: bool = True) -> Evaluation:
        """Evaluate an inspection read by load_inspection under FRAMEWORK, whatever its dates or family.

        For what-if analysis (ratings impact), which rates each inspection under versions chosen on
        purpose. COUNTED_IN lends the counts of an evaluation of the same inspection under a version
        that counts alike (see rating.evaluate.evaluate); POOL, the inspections it pools, already read;
        INPUT_SHA256, RAW's hash where the caller has it (one inspection rated many times is hashed once);
        RATINGS_ONLY, for an evaluation read for its ratings alone (it has no warnings), and REUSE, standards' results
        it may share with other evaluations of the inspection (see rating.evaluate.evaluate); DECIDED_ONLY, for an
        evaluation that reads discretion's eligibility only where the panel recorded a decision; without
        PROMPT_FIGURES, one with no prompt results; not HASHED, one whose input's hash is left out (ratings impact
        names each inspection by its file, and hashing each would cost a tenth of the run).
        """
        if pool is None:
            pool = self._pool(document, raw, path)
        if input_sha256 is None and hashed:
            input_sha256 = sha256(raw)
        try:
            return evaluate(framework, document, self.registry, file=str(path), input_sha256=input_sha256,
                            warnings=warnings, lenient=lenient, pool=pool, counted_in=counted_in, ratings_only=ratings_only,
                            reuse=reuse, decided_only=decided_only, prompt_figures=prompt_figures)
        except InvalidInputError as error:
            for pooled in pool:
                error = placed(error, pooled.path, pooled.raw)
            raise placed(error, str(path), raw) from None

    @staticmethod
    def _pool(document: dict[str, Any], raw: bytes, path: str | Path) -> tuple:
        try:
            return _pooled(document, path)
        except InvalidInputError as error:
            raise placed(error, str(path), raw) from None

    def impact(self, baseline: str, draft: str, inspections: Iterable[str | Path], *, sweep: str | None = None,
               jobs: int = 1) -> dict[str, Any]:
        """What DRAFT would change against BASELINE (each ID@VERSION or a framework file) on INSPECTIONS.

        INSPECTIONS are files or folders of them. Returns the impact document (schemas/impact.schema.json)
        that the 'impact' formats render: transitions and share changes per standard and overall, each
        changed rating with its causes, and what a version cannot rate. SWEEP ('bands.good=55:75:1')
        adds each rating's share across values of one parameter of the draft; JOBS processes share the
        work (where the platform can fork), the document the same whatever their number.
        """
        from .analysis.batch import inspection_files
        from .analysis.impact_run import impact

        return impact(self, baseline, draft, inspection_files(Path(p) for p in inspections).files, sweep=sweep, jobs=jobs)

    def validate_file(self, path: str | Path, framework: str | None = None, *,
                      allow_out_of_window: bool = False) -> tuple[str, list[Problem]]:
        """Check a framework or inspection file (or a document the commands write); returns what it is and every problem found."""
        checked = self.check_file(path, framework, allow_out_of_window=allow_out_of_window)
        return checked.kind, checked.problems

    def check_file(self, path: str | Path, framework: str | None = None, *, allow_out_of_window: bool = False) -> FileCheck:
        """Check a file: what it is, every problem found, and warnings about what is valid but likely a slip.

        See analysis.file_check.check_file: a framework, an inspection (rated under FRAMEWORK, else
        as for evaluate_file), or a document the commands write (checked against its schema).
        """
        from .analysis.file_check import check_file

        return check_file(self, path, framework, allow_out_of_window=allow_out_of_window)


def _pooled(document: dict[str, Any], path: str | Path) -> tuple:
    """The inspections DOCUMENT pools, read and checked; () for the many that pool none, which never load pooling."""
    if not document.get("pooled_from"):
        return ()
    from .rating.pooling import read_pool

    return read_pool(document, path)
