"""Presenter mode: a console on the trainer's screen, an audience view on the projector.

:mod:`slides` builds what the room may see (from participant-edition items only),
:mod:`audience` shows it in large type, :mod:`console` is the trainer's view,
:mod:`screens` decides where each window goes, and :mod:`controller` ties them
together and to the clicker's keys.
"""
