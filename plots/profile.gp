# profile.gp - where each profiled side's CPU time went, measured: a sampled profile's samples
# by category (common/analysis/profile/categories.c), in CPU seconds per run, stacked.  Beside it stands
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
# the categories' colours (categories.c: category_colour), in the order of the data's columns;
# a test holds this list to that table
colours = "#D55E00 #E69F00 #F0E442 #CC79A7 #E7BCD6 #B9A3C9 #56B4E9 #009E73 #0072B2 #999999 #B3DFF2 #00527F #80CDB9 #8C6D62 #882255 #DDDDDD"
plotcmd = "plot for [i=2:17] data using i:xtic(1) title columnhead(i) lc rgb word(colours, i-1)"
load dir."/render.gp"
