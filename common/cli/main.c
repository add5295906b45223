/*
 * main.c - the bulkxfer program: everything is in cli.c and below, so the tests can link all
 * of it except this file.
 */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
