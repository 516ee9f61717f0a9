"""Policy-impact simulation: the rules of :mod:`qaitu.law` on whole cohorts, projected for years.

The pieces, in the order a run uses them:

- :mod:`~qaitu.simulation.scenario_files` reads a scenario YAML into the validated model of
  :mod:`~qaitu.simulation.scenario_schema`, whose numbers are the sourced (or explicitly assumed)
  quantities of :mod:`~qaitu.simulation.uncertain`;
- :mod:`~qaitu.simulation.profiles`, :mod:`~qaitu.simulation.synthetic` and
  :mod:`~qaitu.simulation.importing` build the pool of case profiles (synthetic, or anonymised
  cases read from CSV/Parquet with a row-level error report);
- :mod:`~qaitu.simulation.evaluation` runs every variant of the law on the pool through
  ``qaitu.law.cohort.evaluate_cohort`` (the only place the simulation touches the law);
- :mod:`~qaitu.simulation.admissions` forecasts case numbers, :mod:`~qaitu.simulation.uncertainty`
  draws every uncertain input, :mod:`~qaitu.simulation.projection` runs the stock-and-flow model;
- :mod:`~qaitu.simulation.tables`, :mod:`~qaitu.simulation.charts` and
  :mod:`~qaitu.simulation.report` turn the draws into tables, charts and one HTML report;
- :mod:`~qaitu.simulation.run` ties them together and :mod:`~qaitu.simulation.cli` is the
  ``qaitu simulate`` command.
"""
