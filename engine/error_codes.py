"""Every problem code the engine reports, its class, what it means and how to fix it.

Codes are stable: scripts may rely on them. docs/errors.md gives an example of each, and a test
fails if a code used anywhere in the engine or its built-in plugins is missing here or there.
"""

from __future__ import annotations

from .record_classes import record


@record
class ErrorCode:
    code: str
    kind: str
    meaning: str
    fix: str


_CODES = [
    # The file itself.
    ErrorCode("unreadable", "file", "The file cannot be read (missing, or no permission); the system's reason is given.", "Check the path and the file's permissions."),
    ErrorCode("not-a-folder", "file", "A folder to search for framework files (--frameworks-dir, RATINGS_FRAMEWORKS_PATH) is a file or something else, not a folder.", "Name the folder that holds the framework files."),
    ErrorCode("project-file", "file", "The project file (ratings.toml, or the [tool.ratings] table of a pyproject.toml) that names the folders of framework files is not valid TOML, or a setting in it is not what it must be.", "Write it as frameworks = [\"frameworks\"]: a list of folders, relative to the file, and no other key."),
    ErrorCode("not-a-file", "file", "The path is not a regular file but a folder, a named pipe (FIFO), a device or a socket; nothing is read from it.", "Name the JSON file itself."),
    ErrorCode("encoding", "file", "The file is not UTF-8 text (UTF-16 and UTF-32 are named), or has an escape for half a character (an unpaired surrogate).", "Save the file as UTF-8; write characters themselves rather than \\u escapes."),
    ErrorCode("json-syntax", "file", "The file is not valid JSON: a syntax error, or NaN / Infinity, which JSON does not allow.", "Fix the JSON at the line and column given; use finite numbers."),
    ErrorCode("number-out-of-range", "file", "A number with more than 30 significant digits or 30 decimal places, or of 10^30 or more: valid JSON, but no rating needs it and its exact value cannot be worked with.", "Check the value: counts, percentages and levels need a few digits."),
    ErrorCode("duplicate-key", "file", "A key appears twice in one JSON object; readers would silently keep only one.", "Remove or rename one of them."),
    ErrorCode("too-deep", "file", "The JSON is nested too deeply to read or check.", "No framework or inspection needs such nesting: look for a generated or corrupted file."),
    ErrorCode("too-large", "file", "The file is larger than the limit for its kind.", "Check the file; if it is genuine, raise the limit (RATINGS_MAX_FILE_MB)."),
    ErrorCode("studio-field", "framework", "A field of the studio's draft editor holds something the framework cannot (words where a number belongs, say); the draft keeps its last good value.", "Type the kind of value the field's help asks for."),
    ErrorCode("draft-identity", "framework", "A draft saved from the studio names another id or version than its file: a draft keeps its identity.", "Start a new draft for a new version (Start a draft, or ratings frameworks new)."),
    ErrorCode("pooled-upload", "inspection", "An inspection uploaded to the studio names other files in 'pooled_from', which the studio does not read from an upload.", "Put the inspection and the files it pools in the corpus folder, and pick it there."),
    ErrorCode("too-many-cases", "file", "A sample has more cases than the limit.", "Check the file; if it is genuine, raise the limit (RATINGS_MAX_CASES)."),
    ErrorCode("not-a-framework", "file", "A framework was expected (--framework, --baseline, --draft, `ratings diff`, `ratings frameworks show`), but the file is an inspection.", "Name the framework file, or the version as ID@VERSION."),
    ErrorCode("unknown-kind", "file", "The file is neither a framework (it has no 'domains') nor an inspection (it has no 'samples').", "Check that this is the file you meant."),
    # The shape of the file.
    ErrorCode("schema", "schema", "The file does not have the shape its JSON Schema describes: a missing or unexpected property, a wrong type, a value out of range.", "Follow the message and hint; an editor pointed at the schema shows what each property expects."),
    # The meaning of a framework.
    ErrorCode("band-gap", "framework", "Bands (percentage or overall score) leave a gap, or do not reach the end of their range.", "Start each band where the one before ends; the first at 0; the last open (percentages) or at the maximum score."),
    ErrorCode("band-overlap", "framework", "Two bands cover the same percentages or scores.", "Start each band where the one before ends."),
    ErrorCode("band-order", "framework", "A band ends before it starts, or gives a lower rating than the band below it.", "List bands from lowest to highest with rising ratings."),
    ErrorCode("band-range", "framework", "The overall bands go beyond the maximum score.", "End the highest band at the maximum score (standards x top score)."),
    ErrorCode("area-bands", "framework", "Bands on an area rated on its lowest standard, where they are never used.", "Remove 'bands', or rate the area by 'sum-of-scores'."),
    ErrorCode("area-standards", "framework", "A standard is named in more than one area.", "A standard is in at most one area: remove it from one of them."),
    ErrorCode("rating-scale", "framework", "A rating scores less than the rating below it on the scale.", "List ratings from lowest to highest, with scores that do not fall."),
    ErrorCode("pooled-sample-unused", "framework", "A sample is marked 'pooled' but no standard counts key questions on it.", "Name it as the sample of the standards rated from pooled cases, or remove 'pooled'."),
    ErrorCode("duplicate-id", "framework", "An id (standard, key question, prompt, band, sample...) is used more than once.", "Give each its own id; the hint names the first use."),
    ErrorCode("id-form", "framework", "A key question's id does not start with its standard's id, or a prompt's with its key question's.", "Number key questions STANDARD.N and prompts KEYQUESTION.letter."),
    ErrorCode("unknown-reference", "framework", "Something named (a rating, sample, sub-sample rule, attribute, standard or document) does not exist.", "Use an id that exists; the hint names the closest one or lists them."),
    ErrorCode("no-sample", "framework", "A standard with key questions judged on cases names no sample.", "Name the case sample in the standard's 'sample', or make its key questions qualitative."),
    ErrorCode("qualitative-question", "framework", "A qualitative key question is given per-case answers or a sub-sample.", "Remove 'answers' and 'sub_sample' from qualitative key questions."),
    ErrorCode("answers", "framework", "A case-sample key question does not allow both 'yes' and 'no'.", "Allow at least yes and no."),
    ErrorCode("effective-dates", "framework", "effective_to is before effective_from.", "Correct the dates."),
    ErrorCode("unknown-rating-method", "plugin settings", "No installed plugin provides the rating method a standard names.", "Install the plugin that provides it, or name an installed method (see `ratings plugins`)."),
    ErrorCode("unknown-moderation-rule", "plugin settings", "No installed plugin provides the moderation rule a standard names.", "Install the plugin that provides it, or name an installed rule."),
    ErrorCode("rating-method-settings", "plugin settings", "The rating method finds the standard's settings wrong.", "Follow the method's message."),
    ErrorCode("moderation-settings", "plugin settings", "The moderation rule finds its settings wrong.", "Follow the rule's message."),
    ErrorCode("plugin-failed", "plugin settings", "A plugin's code failed while the command used it (it raised an error, called sys.exit, or returned something it should not); the problem is placed at the plugin, not at the file being read.", "Report it to the plugin's authors; meanwhile leave the plugin out with RATINGS_DISABLE_PLUGINS, or use a framework that does not need it."),
    # An inspection against its framework.
    ErrorCode("unknown-standard", "inspection", "A judgement, moderation or discretion names a standard the framework does not have.", "Use a standard id of the framework; the hint names the closest."),
    ErrorCode("unknown-sample", "inspection", "A sample the framework does not have.", "Use the framework's sample ids."),
    ErrorCode("missing-sample", "inspection", "The inspection lacks a sample its framework's standards are judged on.", "Add the sample, with its cases or totals."),
    ErrorCode("unknown-key-question", "inspection", "An answer or result for a key question not judged on that sample.", "Use the key questions of the standards judged on the sample; qualitative ones are not answered per case."),
    ErrorCode("unknown-prompt", "inspection", "An answer or result for a prompt not under a key question of that sample.", "Use the prompt ids of the framework."),
    ErrorCode("unknown-attribute", "inspection", "A case attribute the sample does not record.", "Use the sample's case attributes."),
    ErrorCode("attribute-value", "inspection", "A case attribute (or a rule's test of one) has a value the attribute cannot take.", "Use true/false, or one of the attribute's values."),
    ErrorCode("missing-attribute", "inspection", "A case lacks an attribute a sub-sample rule needs to decide whether a key question applies.", "Record the attribute for the case."),
    ErrorCode("missing-answer", "inspection", "A case has no answer for a key question that applies to it. Missing answers are never counted as 'no'.", "Record the inspector's answer."),
    ErrorCode("bad-answer", "inspection", "An answer the key question does not allow, for example 'n/a' where the framework does not allow it.", "Answer with one of the allowed answers."),
    ErrorCode("duplicate-case", "inspection", "Two cases in one sample have the same id.", "Give each case its own id."),
    ErrorCode("pooled-file-missing", "inspection", "An inspection named in 'pooled_from' cannot be read (missing, or not a file); the message names both files.", "Give the pooled file's path relative to the pooling inspection."),
    ErrorCode("pooled-file-changed", "inspection", "A pooled inspection's SHA-256 is not the one 'pooled_from' names: the file has changed since it was named.", "Check what changed; if the change is meant, record the file's new SHA-256."),
    ErrorCode("pooled-nested", "inspection", "A pooled inspection pools others itself; cases are pooled one level deep, from the inspections that hold them.", "Name the inspections it pools directly instead."),
    ErrorCode("pooled-twice", "inspection", "The same inspection file is named twice in 'pooled_from', so its cases would be counted twice.", "Remove one of them."),
    ErrorCode("pooled-sample-given", "inspection", "The inspection gives a sample its framework pools from other inspections.", "Remove it; its cases belong in the pooled inspections."),
    ErrorCode("pooled-percent-only", "inspection", "A pooled inspection gives only a percentage for a key question or prompt, which cannot be added to the other inspections' counts.", "Give the count, {\"yes\": N, \"of\": N}."),
    ErrorCode("question-set-none", "inspection", "A case's attributes match none of its sample's question sets, so it is not known which key questions it answers.", "Check the case's attributes against the sets' conditions."),
    ErrorCode("question-set-many", "inspection", "A case's attributes match more than one of its sample's question sets; each case answers exactly one.", "Check the case's attributes; if they are right, the framework's conditions overlap."),
    ErrorCode("outside-question-set", "inspection", "A case answers a key question of a question set other than its own.", "Remove the answer, or check the case's attributes."),
    ErrorCode("no-applicable-cases", "inspection", "No case is counted for a key question (all excluded or not applicable), so it cannot be rated.", "Check the cases' attributes and answers."),
    ErrorCode("missing-result", "inspection", "Totals for a sample lack a key question.", 'Add {"yes": N, "of": N} or {"percent": N}.'),
    ErrorCode("count-mismatch", "inspection", "Counts that cannot be: yes more than of, of more than the sample size, or of unequal to the size where every case counts.", "Correct the counts."),
    ErrorCode("missing-judgement", "inspection", "A standard rated by the lead inspector's judgement has none recorded.", "Add the judgement with its rationale."),
    ErrorCode("unexpected-judgement", "inspection", "A judgement for a standard that is rated from its cases.", "Remove it; record the ratings panel's decision as discretion."),
    ErrorCode("unknown-rating", "inspection", "A rating id not on the framework's scale.", "Use one of the scale's rating ids."),
    ErrorCode("no-case-level-data", "inspection", "ratings stability was asked about an inspection whose samples all give only totals: there are no cases to resample.", "Give the samples' cases one by one ('cases' instead of 'results')."),
    ErrorCode("published-contradiction", "inspection", "A published outcome the inspection records contradicts another figure: a standard's published rating is not the one its figures give, a published score is not its rating's score, the published overall score is not the sum of the standards' scores, or the published overall rating is not the rating of the band its score is in.", "Check the figures and the published outcome against the report; correct whichever was copied wrongly."),
    ErrorCode("rating", "inspection", "A plugin's rating method could not rate the standard from this inspection.", "Follow the plugin's message."),
    # The framework's rules, applied to the inspection.
    ErrorCode("discretion-ineligible", "rule", "Professional discretion on a standard where the framework's rules do not make it eligible.", 'Remove it, or set "override": true to apply it anyway, flagged in the result.'),
    ErrorCode("discretion-not-allowed", "rule", "Discretion on a standard the framework does not allow it for (for example a judgement-rated standard).", "Remove it."),
    ErrorCode("discretion-too-far", "rule", "Discretion moving a rating more bands than allowed (also counting moderation).", "Move at most the bands the framework allows."),
    ErrorCode("moderation-not-allowed", "rule", "Moderation recorded for a standard with no moderation rule.", "Remove it; the hint names the standards that have one."),
    ErrorCode("moderation-too-far", "rule", "A moderation proposal of more bands than the rule allows.", "Propose at most the rule's bands."),
    ErrorCode("moderation-off-scale", "rule", "Ratified moderation would move the rating off the rating scale.", "It cannot go above the top rating or below the bottom one."),
    ErrorCode("not-rated", "rule", "Moderation or discretion for a standard that is not rated, or a judgement, moderation or discretion for one the inspection marks not rated.", "Remove it, or the standard's entry under not_rated."),
    ErrorCode("not-rated-not-allowed", "rule", "The inspection marks a standard not rated (under not_rated) that the framework does not allow to go unrated on purpose.", "Remove the entry; the hint names the standards the framework allows to go unrated (may_go_unrated on the standard or its domain)."),
    # Choosing the framework.
    ErrorCode("framework-not-found", "selection", "The framework named (a version, a family or a file) is not installed or not there.", "Name an installed ID@VERSION (see `ratings frameworks`) or a family."),
    ErrorCode("framework-ambiguous", "selection", "No framework is named and more than one would fit: several families are installed, or several versions are in force on the fieldwork date.", "Name the family or the ID@VERSION in the inspection's 'framework', or with --framework."),
    ErrorCode("framework-conflict", "selection", "The version named, or the one in force, is claimed by two framework files with different contents, so neither is used.", "Name the file wanted with --framework FILE, or give a draft a version of its own."),
    ErrorCode("out-of-window", "selection", "The fieldwork date is outside the effective dates of the version chosen, or of every version.", "Use the version in force, or pass --allow-out-of-window (the result says so)."),
    # A workbook or CSV files read by `ratings import`: each problem is placed at its sheet, row and column.
    ErrorCode("sheet-unreadable", "sheet", "The file is not a workbook that can be read: not an xlsx file (not a zip archive, an old .xls, one saved with a password), a damaged one, or a CSV file that is not valid CSV.", "Save it again from the spreadsheet program as an Excel workbook (.xlsx), or as CSV UTF-8."),
    ErrorCode("sheet-no-version", "sheet", "The workbook does not say which framework version it was made from: its About sheet, or the rows 'Framework' and 'Framework SHA-256' on it, are missing.", "Name the version with --framework ID@VERSION, or copy the About sheet back from a template."),
    ErrorCode("sheet-other-version", "sheet", "The workbook was made from another framework version than the one it would be read under: the file of that version here has another SHA-256, or the inspection sheet names another version.", "Make a new template from the version here and copy the answers across, or name the version to read it under with --framework."),
    ErrorCode("sheet-unknown-column", "sheet", "A column's header is not one the sheet has under the framework version (headers are ids, matched exactly), or a column with values has no header.", "Use the header the template has; the hint names the closest."),
    ErrorCode("sheet-missing", "sheet", "A column or a sheet the framework version needs is missing (a key question's column, the case references, the sheet 'inspection').", "Add it back, headed or named exactly as in the template."),
    ErrorCode("sheet-duplicate", "sheet", "A header is used by two columns, a standard has two rows, or a sheet is given twice.", "Keep one of them."),
    ErrorCode("sheet-duplicate-case", "sheet", "A case's reference is on two rows, of one sheet or of two samples' sheets.", "Record each case once, on the sheet of its sample; correct the reference if the cases differ."),
    ErrorCode("sheet-cell", "sheet", "A cell's value is not one its column allows: an answer spelled otherwise than yes, no or n/a (capitals and spaces count), a rating not on the scale, a date or number that is not one; or a value a row needs is empty.", "Choose the value from the cell's drop-down, or type it exactly as the hint says."),
    ErrorCode("sheet-formula", "sheet", "A cell holds a formula; its value depends on the program that last saved the file, so it is not read.", "Type the value itself (copy, then paste values only)."),
    ErrorCode("sheet-merged-cell", "sheet", "Cells are merged; a merged cell hides the values of the cells it covers.", "Unmerge them and give each cell its own value."),
    # Writing an output.
    ErrorCode("output-is-input", "output", "The output named is a file the same command reads (by any name: another spelling, a hard link, a symbolic link to it); inputs are never written over.", "Choose another file for the output."),
    ErrorCode("output-not-a-file", "output", "The output named is a device (such as /dev/null), a named pipe, a socket or a folder, not a regular file.", "Name a file to write; for standard output, give -o -."),
    ErrorCode("output-is-link", "output", "The output named is a symbolic link; links are never replaced nor written through.", "Name the file the link points to, or remove the link."),
    ErrorCode("output-exists", "output", "A batch result, a summary or a new framework draft already exists (perhaps written a moment ago by another run); it is left alone.", "Use --force to replace batch results and summaries, or choose another folder; a framework version is never overwritten."),
    ErrorCode("cannot-write", "output", "The output could not be written: the system's reason is given (a full disk, no permission, a missing folder, a file too large). Nothing is left half written.", "Follow the reason: free some space, fix the permissions, or write elsewhere."),
]

CODES: dict[str, ErrorCode] = {entry.code: entry for entry in _CODES}


def kind_of(code: str) -> str:
    """The class of a problem code ('file', 'schema', 'framework', 'inspection', 'rule', ...)."""
    entry = CODES.get(code)
    return entry.kind if entry else "other"
