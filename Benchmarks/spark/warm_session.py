"""recommend_all.py three times in one Spark session (local-cluster[N,1,1024]): the first run
pays for the executors' start and the Python workers' imports, the later ones show the
steady-state rows/s.

    python3 Benchmarks/spark/warm_session.py EXECUTORS MODEL WORKDIR [BINARY]
"""

import os
import sys
import time

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPOSITORY, "spark"))

import pyspark  # noqa: E402

os.environ.setdefault("SPARK_HOME", os.path.dirname(pyspark.__file__))
os.environ["PYSPARK_PYTHON"] = sys.executable

from pyspark.sql import SparkSession  # noqa: E402

import recommend_all  # noqa: E402

executors, model, work = int(sys.argv[1]), sys.argv[2], sys.argv[3]
binary = sys.argv[4] if len(sys.argv) > 4 else os.path.join(REPOSITORY, ".build", "release", "lightgcn")
spark = (SparkSession.builder.master(f"local-cluster[{executors},1,1024]").config("spark.driver.host", "127.0.0.1")
         .config("spark.ui.enabled", "false").config("spark.executor.memory", "768m").getOrCreate())
for run in range(3):
    start = time.time()
    recommend_all.main(["--model", model, "--k", "20", "--output", os.path.join(work, f"warm-{executors}-{run}"),
                        "--binary", binary], spark)
    print(f"executors {executors} run {run}: {time.time() - start:.1f} s wall in the session", flush=True)
spark.stop()
