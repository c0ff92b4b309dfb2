"""Phone sign-in and second desks over the laptop's own network (no Qt, no internet).

server.py opens it for one session; learner.py and desk.py are the two kinds of page; tokens.py
the rotating QR token; limits.py the rate limits and PIN throttle; web.py the HTTP plumbing.
"""
