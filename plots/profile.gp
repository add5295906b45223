# profile.gp - where each profiled side's CPU time went, measured: a sampled profile's samples
# by category (common/analysis/categories.c), in CPU seconds per run, stacked.  Beside it stands
# breakdown.gp, the cost model's guess at the same split.
# data columns: side, then one column per category (CPU seconds per run)
load dir."/common.gp"
set title "Where each side's CPU time goes, measured (sampled profile)"
set ylabel "CPU seconds per run"
set style data histogram
set style histogram rowstacked
set boxwidth 0.7
set xtics rotate by -35
set yrange [0:*]
set key outside right top
plotcmd = "plot for [i=2:13] data using i:xtic(1) title columnhead(i)"
load dir."/render.gp"
