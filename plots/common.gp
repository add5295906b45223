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
