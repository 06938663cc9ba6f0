"""Whether this process builds more than once (`make devserver`).

Only then are the last build's validated rows, worded views and search words worth keeping in
memory: a single `pelican` run would hold them (hundreds of MB at 100,000 programs) for nothing.
"""

LONG_LIVED = {"on": False}


def long_lived() -> bool:
    return LONG_LIVED["on"]
