# common.gp - settings every bulkxfer graph shares.  Each script is called as
#   gnuplot -e "data='plot-x.csv'; out='dir/x'" plots/x.gp
# and writes out.png and out.svg.  The data files are written by `bulkxfer report` from the
# runs CSV: comma separated, first line a header, numbers computed once by bulkxfer's stats.
set datafile separator ","
set datafile missing "NaN"
set key autotitle columnhead
set grid ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set style fill solid 0.85 border -1
set key top left
# Okabe-Ito colours, safe for colour-blind readers, the same order in every graph
set linetype 1 lc rgb "#0072B2" lw 1
set linetype 2 lc rgb "#E69F00" lw 1
set linetype 3 lc rgb "#009E73" lw 1
set linetype 4 lc rgb "#CC79A7" lw 1
set linetype 5 lc rgb "#56B4E9" lw 1
set linetype 6 lc rgb "#D55E00" lw 1
set linetype 7 lc rgb "#F0E442" lw 1
set linetype 8 lc rgb "#000000" lw 1
set linetype cycle 8
