"""Running the build: the Pelican generator (a thin adapter over the model), rendering on every core, the output folder's staging, the build cache and the devserver's one caching layer.

The only layer that knows about Pelican and about a process that builds more than once.
"""
