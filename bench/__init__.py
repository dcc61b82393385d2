"""The performance suite (`make bench`): measures, their floors and goals. Not part of `make test`."""
