"""The plugin host: finding plugins, loading them, and calling their hooks under guard.

Here: the plugin manager, which finds plugins through entry points with importlib.metadata
(manager), the registry of the rating methods, moderation rules and output formats they provide
(registry), loading a plugin module named on the command line
(plugin_loading), calling a plugin so that its failure is reported, not fatal (hook_calls,
plugin_guard), and asking a rating method or moderation rule for its own wording (wording).

It may import from io and model, and the plugin contract at the top of the package (extension,
hookspecs). It never imports the built-in plugins: they are found through their entry points like
any other.
"""
