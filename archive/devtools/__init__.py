"""Developer tooling, an app of its own: the benchmark, the load test, the
peer it is measured against, the corpus generator and the scoring of the
import on labelled pages. None of it is imported by the product."""
