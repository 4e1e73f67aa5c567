"""Training Companion: an offline workshop companion for victim identification training."""

__version__ = "0.1.0"
APP_NAME = "Training Companion"
