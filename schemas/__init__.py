"""The JSON Schemas of the engine's documents, as package data (ratings_engine.schemas).

This file makes the folder a regular package, so that importlib.resources.files("ratings_engine.schemas")
finds it in every kind of install: a folder without one is a namespace package, which an editable install's
import hook does not find under ratings_engine (package-dir maps it from outside engine/).
"""
