"""Questions asked with ratings: comparing, re-rating, explaining, replaying, and batches.

Here: comparing an inspection with the provider's previous one (compare), re-rating one inspection
under two framework versions (rerate), why each standard was rated as it was (explain), replaying a
recorded result (replay), how firm a rating is given its sample sizes (stability, drawing
its resamples in resampling), and evaluating many inspections with a summary across them (batch).
Each returns a document (a dict); the output formats, plugins, word it.

It may import from io, model, plugin_host, rating and reports.
"""
