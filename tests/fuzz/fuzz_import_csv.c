/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_import_csv.c — a CSV file of projects imported through the
 * model (src/core/model_csv.c) into an in-memory database that holds a
 * project and two organisations, so that codes and administrators can
 * name what is there; with the properties of fuzz_import() in
 * fuzz_model.h, the round trip going through CSV. */
#include "config.h"

#include "fuzz_model.h"

/* The seeds in corpus/import_csv name these. */
static const char fixture[] =
	"{\"format\":\"salkku\",\"format_version\":1,\n"
	"\"organisations\":{\n"
	"\"44f99888-733e-4be7-ab71-009f50b08e62\":{\"version\":1,"
	"\"updated_at\":\"2023-11-20T08:00:00Z\",\"updated_by\":\"root\","
	"\"name\":\"ISO – Itä-Suomen sosiaalialan osaamiskeskus\","
	"\"short_name\":\"ISO\",\"kind\":\"competence_centre\"},\n"
	"\"8797006e-e154-4fd1-b8bd-c37977e2c57c\":{\"version\":1,"
	"\"updated_at\":\"2023-11-20T08:00:00Z\",\"updated_by\":\"root\","
	"\"name\":\"Sosiaali- ja terveysministeriö\",\"short_name\":\"STM\","
	"\"kind\":\"ministry\"}},\n"
	"\"projects\":{\n"
	"\"99e0a824-d24b-47c8-bf71-f92949b0f6a0\":{\"version\":1,"
	"\"updated_at\":\"2023-11-20T08:00:00Z\",\"updated_by\":\"root\","
	"\"code\":\"LUMO\",\"name\":\"Lumo\",\"status\":\"active\","
	"\"budget\":45308700,\"person_years\":8.80}},\n"
	"\"roles\":{\n"
	"\"a40385b3-fc77-49a8-8e92-85c7e0945732\":{\"version\":1,"
	"\"updated_at\":\"2023-11-20T08:00:00Z\",\"updated_by\":\"root\","
	"\"project\":\"99e0a824-d24b-47c8-bf71-f92949b0f6a0\","
	"\"organisation\":\"44f99888-733e-4be7-ab71-009f50b08e62\","
	"\"role\":\"administrator\"}}}\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_model_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, model_import_csv, model_export_csv, fixture);
	return 0;
}
