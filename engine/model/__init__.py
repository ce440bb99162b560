"""The framework: loaded and checked, then held as an immutable model.

Here: the model itself (framework: Framework, Standard, KeyQuestion and the rest), loading a
framework file and checking its meaning (load, framework_checks), conditions on cases
(conditions), exact proportions and bands (proportions, the one door for numbers), finding
framework versions (catalogue), starting a new version as a draft (drafts), and what changed
between two versions (diff).

It may import from io and the floor at the top of the package (errors, error_codes). Loading
names the plugin registry only in type annotations; it never imports the plugin host at run time.
"""
