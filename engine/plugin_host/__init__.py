"""The plugin host: finding plugins, loading them, and calling their hooks under guard.

Here: the registry of rating methods, moderation rules and output formats (registry), finding
entry points without importing what is not needed (entry_points), loading a plugin module named on
the command line (plugin_loading), and calling a plugin so that its failure is reported, not fatal
(hook_calls, plugin_guard).

It may import from io and model, and the plugin contract at the top of the package (extension,
hookspecs). It never imports the built-in plugins: they are found through their entry points like
any other.
"""
