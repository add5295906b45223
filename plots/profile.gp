# profile.gp - where each profiled side's CPU time went, measured: a sampled profile's samples
# by category (src/analysis/profile/categories.c), in CPU seconds per run, stacked.  Beside it stands
# breakdown.gp, the cost model's guess at the same split.
# data columns: side, then one column per category (CPU seconds per run)
load dir."/common.gp"
set title "Where each side's CPU time goes, measured (sampled profile)"
set ylabel "CPU seconds per run"
set style data histogram
set style histogram rowstacked
set boxwidth 0.7
set xtics rotate by -50 font ",9"
set yrange [0:*]
set key outside right top
# the flame graphs' colours (flamegraph.c), in the category order of the data's columns
colours = "#e8743b #b5562a #f2b134 #d64550 #c98bdb #a77bca #7fb3d5 #5bb381 #9fc55a #b0b0b0 #80cbc4 #00796b #6d9eeb #8c6d62 #9e4a7c #dddddd"
plotcmd = "plot for [i=2:17] data using i:xtic(1) title columnhead(i) lc rgb word(colours, i-1)"
load dir."/render.gp"
