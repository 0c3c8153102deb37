"""``python -m dateline``; also the file to give ``spark-submit`` (README, "On Apache Spark"), which runs it as a
script: hence the absolute import."""

from dateline.cli import app

if __name__ == "__main__":
    app(prog_name="dateline")
