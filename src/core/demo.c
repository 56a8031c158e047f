/* SPDX-License-Identifier: EUPL-1.2 */
/* demo.c — the demo portfolio: the real projects and organisations of
 * the Finnish social-welfare competence centres, as the centres' own
 * texts describe them (slides 2014 and 2019, the joint statement on OT
 * centres 2019, the Nordic special task, and ISO's annual report 2023).
 * Statuses are as of that report (15 January 2024), the day the demo
 * is shown as of.  Money, figures and dates appear only where the texts
 * give them; what the demo must assume to be usable (a day where a text
 * says "in the autumn", a role a text does not name) is said in the
 * record's note beginning "Oletus:" (assumption).  No real person is
 * named.
 *
 * The portfolio is data: one table of records in insertion order, each
 * a value per field as a person would type it, with references written
 * as an organisation's short name (else name) or a project's code.  It
 * is written in one transaction through the store, with every record
 * validated first, so that the demo appears whole or not at all and
 * its history keeps the dates of the texts (model_insert() and
 * model_set_status() would each commit on their own and date every
 * status "today"). */
#include "config.h"

#include "model.h"
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/i18n.h"
#include "validate.h"

#define DEMO_FIELDS 16
_Static_assert(ORG_NFIELDS <= DEMO_FIELDS && PROJECT_NFIELDS <= DEMO_FIELDS &&
	       ROLE_NFIELDS <= DEMO_FIELDS && FUNDING_NFIELDS <= DEMO_FIELDS &&
	       STATUS_NFIELDS <= DEMO_FIELDS && DEADLINE_NFIELDS <= DEMO_FIELDS &&
	       NOTE_NFIELDS <= DEMO_FIELDS && OUTCOME_NFIELDS <= DEMO_FIELDS,
	       "a demo row holds every field of its entity");

/* Who wrote the demo's notes and status changes. */
#define DEMO_AUTHOR "demo"

struct demo_row {
	enum entity_kind kind;
	const char *v[DEMO_FIELDS];   /* by field index; NULL: no value */
};

#define D_ORG(name, short_name, kind, region, website) \
	{ ENT_ORGANISATION, { [ORG_NAME] = name, [ORG_SHORT_NAME] = short_name, \
	  [ORG_KIND] = kind, [ORG_REGION] = region, [ORG_WEBSITE] = website } }
#define D_ROLE(project, org, role, note) \
	{ ENT_ROLE, { [ROLE_PROJECT] = project, [ROLE_ORGANISATION] = org, \
	  [ROLE_ROLE] = role, [ROLE_NOTE] = note } }
#define D_FUNDING(project, funder, programme, year, applied, granted) \
	{ ENT_FUNDING, { [FUNDING_PROJECT] = project, [FUNDING_FUNDER] = funder, \
	  [FUNDING_PROGRAMME] = programme, [FUNDING_YEAR] = year, \
	  [FUNDING_APPLIED] = applied, [FUNDING_GRANTED] = granted } }
#define D_STATUS(project, from, to, date, reason) \
	{ ENT_STATUS_CHANGE, { [STATUS_PROJECT] = project, [STATUS_FROM] = from, \
	  [STATUS_TO] = to, [STATUS_DATE] = date, [STATUS_REASON] = reason } }
#define D_OPEN(project, kind, title, due) \
	{ ENT_DEADLINE, { [DEADLINE_PROJECT] = project, [DEADLINE_KIND] = kind, \
	  [DEADLINE_TITLE] = title, [DEADLINE_DUE] = due, [DEADLINE_DONE] = "0" } }
#define D_DONE(project, kind, title, due, done) \
	{ ENT_DEADLINE, { [DEADLINE_PROJECT] = project, [DEADLINE_KIND] = kind, \
	  [DEADLINE_TITLE] = title, [DEADLINE_DUE] = due, [DEADLINE_DONE] = "1", \
	  [DEADLINE_DONE_DATE] = done } }
#define D_NOTE(project, date, body) \
	{ ENT_NOTE, { [NOTE_PROJECT] = project, [NOTE_DATE] = date, \
	  [NOTE_BODY] = body } }
#define D_OUTCOME(project, label, value, unit, date) \
	{ ENT_OUTCOME, { [OUTCOME_PROJECT] = project, [OUTCOME_LABEL] = label, \
	  [OUTCOME_VALUE] = value, [OUTCOME_UNIT] = unit, [OUTCOME_DATE] = date } }
/* A figure the texts give as "lähes" (nearly) or "yli" (over). */
#define D_OUTCOME_APPROX(project, label, precision, value, unit, date) \
	{ ENT_OUTCOME, { [OUTCOME_PROJECT] = project, [OUTCOME_LABEL] = label, \
	  [OUTCOME_VALUE] = value, [OUTCOME_UNIT] = unit, [OUTCOME_DATE] = date, \
	  [OUTCOME_PRECISION] = precision } }

#define ISO_AREA "Etelä-Savo, Kainuu, Pohjois-Karjala, Pohjois-Savo"
#define PSHVA "Pohjois-Savon hyvinvointialue"
#define KAINUU "Kainuun hyvinvointialue"
#define REPORT_2023 "2024-01-15"   /* the date of ISO's annual report 2023 */
/* The demo is ISO's portfolio on the day of that report: deadlines and
 * reports count from it (model_today), not from the clock. */
#define DEMO_AS_OF REPORT_2023
#define END_2023 "2023-12-31"
#define SB_DAY "2019-04-12"        /* SONet BOTNIA's development day */

static const struct demo_row demo[] = {
	/* ---- Organisations ------------------------------------------ */
	D_ORG("Sosiaali- ja terveysministeriö", "STM", "ministry", "koko maa", "https://stm.fi"),
	D_ORG("Opetus- ja kulttuuriministeriö", "OKM", "ministry", "koko maa", "https://okm.fi"),
	D_ORG("Terveyden ja hyvinvoinnin laitos", "THL", "agency", "koko maa", "https://thl.fi"),
	D_ORG("Kansaneläkelaitos", "Kela", "agency", "koko maa", "https://www.kela.fi"),
	D_ORG("Euroopan sosiaalirahasto plus", "ESR+", "eu_programme", "Euroopan unioni", NULL),
	D_ORG("Euroopan unioni", "EU", "eu_programme", "Euroopan unioni", NULL),
	D_ORG("EU:n elpymis- ja palautumistukiväline (Suomen kestävän kasvun ohjelma)", "RRP",
	      "eu_programme", "Euroopan unioni", NULL),

	D_ORG(PSHVA, NULL, "wellbeing_county", "Pohjois-Savo", NULL),
	D_ORG("Etelä-Savon hyvinvointialue (Eloisa)", "Eloisa", "wellbeing_county", "Etelä-Savo", NULL),
	D_ORG(KAINUU, NULL, "wellbeing_county", "Kainuu", NULL),
	D_ORG("Pohjois-Karjalan hyvinvointialue (Siun sote)", "Siun sote", "wellbeing_county",
	      "Pohjois-Karjala", "https://www.siunsote.fi"),

	D_ORG("Itä-Suomen yliopisto", "UEF", "university", "Itä-Suomi", "https://www.uef.fi"),
	D_ORG("Diakonia-ammattikorkeakoulu", "Diak", "uas", "koko maa", "https://www.diak.fi"),
	D_ORG("Kaakkois-Suomen ammattikorkeakoulu", "Xamk", "uas",
	      "Kymenlaakso, Etelä-Karjala, Etelä-Savo", "https://www.xamk.fi"),
	D_ORG("Savonia-ammattikorkeakoulu", "Savonia", "uas", "Pohjois-Savo", "https://www.savonia.fi"),
	D_ORG("Karelia-ammattikorkeakoulu", "Karelia", "uas", "Pohjois-Karjala", "https://www.karelia.fi"),
	D_ORG("Kajaanin ammattikorkeakoulu", "KAMK", "uas", "Kainuu", "https://www.kamk.fi"),

	D_ORG("ISO – Itä-Suomen sosiaalialan osaamiskeskus", "ISO", "competence_centre", ISO_AREA,
	      "https://www.isonet.fi"),
	D_ORG("Koske – Keski-Suomen sosiaalialan osaamiskeskus", "Koske", "competence_centre",
	      "Keski-Suomi", NULL),
	D_ORG("Socca – Pääkaupunkiseudun sosiaalialan osaamiskeskus", "Socca", "competence_centre",
	      "Uusimaa (pääkaupunkiseutu)", NULL),
	D_ORG("Sosiaalitaito – Länsi- ja Keski-Uudenmaan sosiaalialan osaamiskeskus", "Sosiaalitaito",
	      "competence_centre", "Länsi- ja Keski-Uusimaa", NULL),
	D_ORG("Verso – Päijät-Hämeen ja Itä-Uudenmaan sosiaalialan osaamiskeskus", "Verso",
	      "competence_centre", "Päijät-Häme, Itä-Uusimaa", NULL),
	D_ORG("Vasso – Varsinais-Suomen sosiaalialan osaamiskeskus", "Vasso", "competence_centre",
	      "Varsinais-Suomi", "https://vasso.fi"),
	D_ORG("Socom – Kaakkois-Suomen sosiaalialan osaamiskeskus", "Socom", "competence_centre",
	      "Kymenlaakso, Etelä-Karjala", NULL),
	D_ORG("Pikassos – sosiaalialan osaamiskeskus Kanta-Hämeessä, Pirkanmaalla ja Satakunnassa",
	      "Pikassos", "competence_centre", "Kanta-Häme, Pirkanmaa, Satakunta", NULL),
	D_ORG("SONet BOTNIA – Pohjanmaan maakuntien sosiaalialan osaamiskeskus", "SONet BOTNIA",
	      "competence_centre", "Etelä-Pohjanmaa, Keski-Pohjanmaa, Pohjanmaa", NULL),
	D_ORG("Poske – Pohjois-Suomen sosiaalialan osaamiskeskus", "Poske", "competence_centre",
	      "Pohjois-Pohjanmaa, Lappi", NULL),
	D_ORG("FSKC – Finlandssvenskt kompetenscentrum inom det sociala området", "FSKC",
	      "competence_centre", "hela landet (svenskspråkiga tjänster)", NULL),

	D_ORG("SOSNET – sosiaalityön valtakunnallinen yliopistoverkosto", "SOSNet", "other",
	      "koko maa", NULL),
	D_ORG("Pohjois-Karjalan Sosiaaliturvayhdistys ry", NULL, "ngo", "Pohjois-Karjala", NULL),
	D_ORG("Pohjanmaan maakuntien kunnat (SONet BOTNIAn kuntaraha)", "SONet BOTNIAn kunnat",
	      "municipality", "Etelä-Pohjanmaa, Keski-Pohjanmaa, Pohjanmaa", NULL),

	/* ---- Kansa-koulu 5 ------------------------------------------ */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "Kansa-koulu 5",
		[PROJECT_NAME] = "Kansa-koulu 5 – sosiaalialan kirjaamisosaamisen vahvistaminen yhteiskehittämällä",
		[PROJECT_DESCRIPTION] =
			"Osaamiskeskusten viides valtakunnallinen Kansa-koulu-hanke. Kehittämistyö "
			"jakautuu kansalliseen, alueelliseen ja hyvinvointialueiden tasolla tehtävään "
			"yhteistyöhön; tavoitteena on edistää sosiaalihuollon kirjaamisen "
			"kehittämisrakenteiden muodostumista, kun sosiaalihuollon Kanta-palvelujen "
			"lakisääteinen käyttöönotto lähestyy.\n\n"
			"Hanke pilotoi kirjaamisen peruspaketin johdantomoduulin, kokosi sisältöä "
			"muihin moduuleihin ja jatkoi kirjaamisvalmennuksia sähköisellä "
			"oppimisalustalla. Avoin valmennus- ja tukimateriaali on Materiaalipankissa.",
		[PROJECT_STATUS] = "active",
		[PROJECT_PLANNED_START] = "2023-01-01", [PROJECT_PLANNED_END] = "2024-03-31",
		[PROJECT_ACTUAL_START] = "2023-01-01",
		[PROJECT_THEMES] = "kirjaaminen, tiedonhallinta, Kanta-palvelut",
		[PROJECT_REGION] = "koko maa",
		[PROJECT_PERSON_YEARS] = "8.8",
		[PROJECT_WEBSITE] = "https://www.isonet.fi/iso-toiminta/kehittamishankkeet/kansa-koulu-5.html",
	} },
	D_ROLE("Kansa-koulu 5", "ISO", "co_implementer", "28 kirjaamisasiantuntijaa ISOn alueelta syksyllä 2023"),
	D_ROLE("Kansa-koulu 5", "THL", "partner", "Kansallinen projektiryhmä"),
	D_ROLE("Kansa-koulu 5", "Kela", "partner", "Kanta-palvelut; kansallinen projektiryhmä"),
	D_STATUS("Kansa-koulu 5", NULL, "active", "2023-01-01", "Hanke käynnistyi vuoden alussa"),
	D_OPEN("Kansa-koulu 5", "other", "Hankekausi päättyy", "2024-03-31"),
	D_OUTCOME("Kansa-koulu 5", "Valmennusryhmät syksyllä 2023", "20", "ryhmää", END_2023),
	D_OUTCOME("Kansa-koulu 5", "Valmistuneet kirjaamisasiantuntijat syksyllä 2023", "384", "henkilöä", END_2023),
	D_OUTCOME("Kansa-koulu 5", "Valmistuneet kirjaamisasiantuntijat syksyllä 2023, ISOn alue", "28", "henkilöä", END_2023),
	D_OUTCOME("Kansa-koulu 5", "Valmennetut kirjaamisasiantuntijat ISOn alueella yhteensä", "469", "henkilöä", END_2023),
	D_OUTCOME_APPROX("Kansa-koulu 5", "Valmennetut kirjaamisasiantuntijat valtakunnallisesti", "nearly", "5000", "henkilöä", END_2023),
	D_OUTCOME("Kansa-koulu 5", "Hankkeessa työskennelleet", "20", "henkilöä", END_2023),
	D_NOTE("Kansa-koulu 5", REPORT_2023,
	       "Kansalliseen projektiryhmään kutsuttiin edustajat THL:stä ja Kelan "
	       "Kanta-palveluista. Hyvinvointialueiden kirjaamiskoordinaattoreiden "
	       "avainhenkilöverkosto ja yksityisten palveluntuottajien työryhmä toimivat "
	       "vertaistuen ja yhdessä oppimisen areenoina."),
	D_NOTE("Kansa-koulu 5", REPORT_2023,
	       "Kirjaamisasiantuntijoiden rekisteritiedot siirrettiin rekisteröityjen "
	       "suostumuksiin perustuen hyvinvointialueille. Kehittäminen jatkuu hanketyönä "
	       "31.3.2024 asti, vaikka osaamiskeskukset ovat peräänkuuluttaneet "
	       "pitkäjänteistä rahoitusta."),
	D_NOTE("Kansa-koulu 5", REPORT_2023,
	       "Oletus: tekstit kertovat hankkeen olevan osaamiskeskusten yhteinen "
	       "(Materiaalipankki on vasso.fi:ssä), mutta eivät nimeä hallinnoijaa eivätkä "
	       "osatoteuttajia; ISOn rooli osatoteuttajana on oletus. Alkupäivä 1.1.2023 "
	       "on luettu sanoista \"käynnistyi vuoden alussa\"."),

	/* ---- Kansa-koulu II (an earlier round) ----------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "Kansa-koulu II",
		[PROJECT_NAME] = "Kansa-koulu II -kehittämistyön juurruttaminen (SONet BOTNIA)",
		[PROJECT_DESCRIPTION] =
			"Kansa-koulu-hankkeiden aiempi kierros. SONet BOTNIAssa oli vuonna 2019 "
			"käynnistetty tai suunnitteilla Kansa-koulu II -kehittämistyön "
			"juurruttaminen ja edistäminen maakunnissa.",
		[PROJECT_STATUS] = "active",
		[PROJECT_PLANNED_END] = "2019-12-31",
		[PROJECT_THEMES] = "kirjaaminen",
		[PROJECT_REGION] = "koko maa",
	} },
	D_ROLE("Kansa-koulu II", "SONet BOTNIA", "co_implementer", "Juurruttaminen Pohjanmaan maakunnissa"),
	D_STATUS("Kansa-koulu II", NULL, "active", SB_DAY,
		 "Juurruttaminen käynnistetty tai suunnitteilla (SONet BOTNIAn kehittämispäivä)"),
	D_NOTE("Kansa-koulu II", SB_DAY,
	       "Oletus: tekstit kertovat vain tilanteen huhtikuussa 2019 (juurruttaminen "
	       "käynnistetty tai suunnitteilla); tila \"käynnissä\" 12.4.2019 alkaen ja "
	       "suunniteltu päättyminen SONet BOTNIAn vuoden 2019 toiminnan mukana ovat "
	       "oletuksia. Myöhemmästä tekstit eivät kerro."),

	/* ---- OT ------------------------------------------------------ */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "OT",
		[PROJECT_NAME] = "OT-hanke – Lasten, nuorten ja perheiden osaamis- ja tukikeskus, Itä-Suomen yhteistyöalue",
		[PROJECT_DESCRIPTION] =
			"Osa yhteistyöalueittain organisoitua valtakunnallista kehittämistyötä: "
			"tukea ammattilaisille sekä monialaisia erityispalveluja vaativiin "
			"asiakastilanteisiin. ISO toi kehittämiseen asiantuntijuutta ja viestintää "
			"sosiaalihuollon näkökulmasta.\n\n"
			"Hankkeessa pilotoitiin puolen vuoden ajan konsultaatiopalvelua "
			"SISOTE-henkilöstölle ja muokattiin OT-seulaa lastensuojelun sijaishuollon "
			"työntekijöille. OT-toiminnan kehittäminen jatkuu pääasiassa "
			"hyvinvointialueiden rahoittamana.",
		[PROJECT_STATUS] = "reporting",
		[PROJECT_PLANNED_START] = "2022-01-01", [PROJECT_PLANNED_END] = END_2023,
		[PROJECT_ACTUAL_START] = "2022-01-01", [PROJECT_ACTUAL_END] = END_2023,
		[PROJECT_THEMES] = "lapsi- ja perhepalvelut, lastensuojelu, monialainen yhteistyö, konsultaatio",
		[PROJECT_REGION] = "Itä-Suomen yhteistyöalue",
		[PROJECT_WEBSITE] = "https://www.isonet.fi/iso-toiminta/kehittamishankkeet/paattyneet-hankkeet/ot-keskus.html",
	} },
	D_ROLE("OT", PSHVA, "administrator", NULL),
	D_ROLE("OT", "ISO", "co_implementer", "Sosiaalihuollon asiantuntijuus ja viestintä"),
	D_ROLE("OT", "Koske", "partner", "Tiivis yhteistyö; Haastavat erot -konsultaatioryhmät Keski-Suomessa"),
	D_ROLE("OT", "STM", "funder", NULL),
	D_FUNDING("OT", "STM", "Tulevaisuuden sote-keskus -ohjelma", NULL, NULL, NULL),
	D_STATUS("OT", NULL, "active", "2022-01-01", "Kaksivuotinen hanke käynnistyi"),
	D_STATUS("OT", "active", "reporting", "2024-01-01", "Hanke päättyi vuoden 2023 lopussa"),
	D_OUTCOME_APPROX("OT", "Maksuttomiin koulutuksiin osallistuneet ammattilaiset", "nearly", "4000", "henkilöä", END_2023),
	D_OUTCOME("OT", "OT-koordinaattorin tehtävää ISOssa hoitaneet", "5", "henkilöä", END_2023),
	D_NOTE("OT", REPORT_2023,
	       "Haastavat erot -konsultaatioryhmät vakiinnuttivat toimintansa Pohjois-Savossa "
	       "ja Keski-Suomessa. Konsultaatiopilotin yhteydenotot lisääntyivät loppua kohden, "
	       "kun tieto palvelusta välittyi käytännön työntekijöille."),
	D_NOTE("OT", REPORT_2023,
	       "OT-seulan lomakkeella tehtiin kysely Eloisan lastensuojelun sijaishuollon "
	       "työntekijöille. ISO osallistui STM:n valtakunnalliseen OT-koordinaatioryhmään "
	       "(varajäsen) ja useisiin alueellisiin OT-asiantuntijaryhmiin."),
	D_NOTE("OT", REPORT_2023,
	       "Oletus: päivät 1.1.2022–31.12.2023 on luettu sanoista \"kesti kaksi vuotta\" "
	       "ja \"päättyi vuoden lopussa\"; loppuraportointi 1.1.2024 alkaen on oletus, "
	       "eikä loppuraportin määräaikaa kerrota."),

	/* ---- LUMO ---------------------------------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "LUMO",
		[PROJECT_NAME] = "LUMO – lastensuojelun uudistaminen monialaisesti Itä- ja Keski-Suomessa",
		[PROJECT_DESCRIPTION] =
			"Yhteistyöalueen laajuinen lastensuojelun kehittämishanke, jota ISO "
			"hallinnoi. Hanke tiivisti yhteistyötä muun muassa systeemisen "
			"toimintamallin käytön tukemiseksi.\n\n"
			"Loppuraportointi ja taloushallinto työllistivät ISOa pitkälle syksyyn 2023; "
			"viimeisimmät hankeavustukset tuloutuivat joulukuun puolivälissä 2023.",
		[PROJECT_STATUS] = "closed",
		[PROJECT_PLANNED_START] = "2020-01-01", [PROJECT_PLANNED_END] = "2022-12-31",
		[PROJECT_ACTUAL_START] = "2020-01-01", [PROJECT_ACTUAL_END] = "2022-12-31",
		[PROJECT_THEMES] = "lastensuojelu, systeeminen toimintamalli, monialainen yhteistyö",
		[PROJECT_REGION] = "Itä- ja Keski-Suomi",
		[PROJECT_WEBSITE] = "https://www.isonet.fi/iso-toiminta/kehittamishankkeet/paattyneet-hankkeet/lumo.html",
	} },
	D_ROLE("LUMO", "ISO", "administrator", NULL),
	D_STATUS("LUMO", NULL, "active", "2020-01-01", NULL),
	D_STATUS("LUMO", "active", "reporting", "2023-01-01", "Loppuraportointi ja taloushallinto"),
	D_STATUS("LUMO", "reporting", "closed", "2023-12-15", "Viimeisimmät hankeavustukset tuloutuivat"),
	D_DONE("LUMO", "payment", "Viimeiset hankeavustukset", "2023-12-15", "2023-12-15"),
	D_OUTCOME_APPROX("LUMO", "Lastensuojelun systeeminen viikkokokous -video, katselukerrat", "over", "2700", "kertaa", END_2023),
	D_OUTCOME_APPROX("LUMO", "Syty-esittely, katselukerrat", "over", "850", "kertaa", END_2023),
	D_OUTCOME_APPROX("LUMO", "Kolme taloa -menetelmän esimerkki, katselukerrat", "nearly", "600", "kertaa", END_2023),
	D_OUTCOME_APPROX("LUMO", "Lastensuojelun ja systeemisen toimintamallin videot, katsojat", "over", "450", "katsojaa", END_2023),
	D_NOTE("LUMO", REPORT_2023,
	       "LUMOn myötä on jatkettu systeemisen toimintamallin tukea: ISO osallistuu "
	       "syty-kouluttajien kansalliseen ja alueverkostoon ja toteutti syty-sparrausta "
	       "Pohjois-Savon lastensuojelun esihenkilöille. Videoihin on kannattanut panostaa!"),
	D_NOTE("LUMO", REPORT_2023,
	       "Oletus: tekstit kertovat vuodet 2020–2022; päivät 1.1.2020 ja 31.12.2022 ja "
	       "loppuraportoinnin alku 1.1.2023 ovat oletuksia, samoin viimeisten "
	       "hankeavustusten päivä 15.12.2023 (\"joulukuun puolivälissä\"). Loppuraportin "
	       "päivää ei kerrota: raportointi työllisti ISOa \"pitkälle syksyyn\"."),

	/* ---- Varikko ------------------------------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "Varikko",
		[PROJECT_NAME] = "Varikko – matkalla riittävään vanhemmuuteen",
		[PROJECT_DESCRIPTION] =
			"Intensiivisen ja monialaisen vanhemmuuden tuen sekä lastensuojelun "
			"sijaishuollon kehittäminen: teema, joka selkeimmin yhdistää ISOn "
			"toiminta-alueen hyvinvointialueita. Hankesuunnitelma tehtiin ISOn "
			"koordinoimana.\n\n"
			"Kolmivuotinen hanke alkaisi keväällä 2024, jos rahoitus myönnetään.",
		[PROJECT_STATUS] = "applied",
		[PROJECT_PLANNED_START] = "2024-04-01", [PROJECT_PLANNED_END] = "2027-03-31",
		[PROJECT_THEMES] = "vanhemmuuden tuki, sijaishuolto, lastensuojelu",
		[PROJECT_REGION] = "Etelä-Savo, Kainuu, Pohjois-Savo",
	} },
	D_ROLE("Varikko", "ISO", "main_implementer", NULL),
	D_ROLE("Varikko", "Eloisa", "co_implementer", NULL),
	D_ROLE("Varikko", KAINUU, "co_implementer", NULL),
	D_ROLE("Varikko", PSHVA, "co_implementer", NULL),
	D_ROLE("Varikko", "ESR+", "funder", NULL),
	D_FUNDING("Varikko", "ESR+", "ESR+ -rahoitushaku", NULL, NULL, NULL),
	D_STATUS("Varikko", NULL, "preparing", "2023-06-01",
		 "Hankesuunnitelma ISOn koordinoimana; SOILA-koordinaatiohankkeen sparraus"),
	D_STATUS("Varikko", "preparing", "applied", "2023-09-29",
		 "Hankehakemus jätettiin rahoittajalle syyskuun lopussa"),
	D_DONE("Varikko", "application_due", "ESR+ -hankehakemus", "2023-09-29", "2023-09-29"),
	D_OPEN("Varikko", "decision_expected", "Rahoituspäätös (ESR+)", "2024-03-31"),
	D_NOTE("Varikko", REPORT_2023,
	       "Päätoteuttajana olisi ISO ja osatoteuttajina Etelä-Savon, Kainuun ja "
	       "Pohjois-Savon hyvinvointialueet. Rahoituspäätöstä odotetaan. Taustaksi ISOn "
	       "raportti lasten ja nuorten kodin ulkopuolelle sijoittamisen riskitekijöistä "
	       "Itä-Suomessa (2010–2022)."),
	D_NOTE("Varikko", REPORT_2023,
	       "Oletus: hakemuksen päivä 29.9.2023 (\"syyskuun lopussa\"), kausi "
	       "1.4.2024–31.3.2027 (\"kolmevuotinen, alkaisi keväällä 2024\"), valmistelun "
	       "alku 1.6.2023 ja rahoituspäätöksen odotuspäivä 31.3.2024 ovat oletuksia; "
	       "haettua summaa eikä hallinnoijaa tekstit kerro."),

	/* ---- Structural social work --------------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "SOSRAKE",
		[PROJECT_NAME] = "SOSRAKE – rakenteellisen sosiaalityön osaamisverkosto",
		[PROJECT_DESCRIPTION] =
			"ISOn hanke, jonka tulokset pohjustivat rakenteellisen sosiaalityön "
			"osaamisen pitkäjänteistä kehittämistä. Hankkeissa mukana olleille alueille "
			"jäi elämään konkreettisia rakenteellisen sosiaalityön käytäntöjä; "
			"materiaalit ja videot ovat ISOnetissä.",
		[PROJECT_STATUS] = "closed",
		[PROJECT_THEMES] = "rakenteellinen sosiaalityö",
		[PROJECT_REGION] = ISO_AREA,
		[PROJECT_WEBSITE] = "https://www.isonet.fi/iso-toiminta/kehittamishankkeet/paattyneet-hankkeet/sosrake.html",
	} },
	D_ROLE("SOSRAKE", "ISO", "administrator", NULL),
	D_STATUS("SOSRAKE", NULL, "closed", END_2023, "Päättyneiden hankkeiden joukossa (toimintakertomus 2023)"),
	D_NOTE("SOSRAKE", REPORT_2023,
	       "Julkaisut: Osaamisella kohti hyvinvointia – Rakenteellisen sosiaalityön opas "
	       "sekä Rakenteellisen sosiaalityön ideakirja."),
	D_NOTE("SOSRAKE", REPORT_2023,
	       "Oletus: päättymispäivää ei kerrota; hanke on toimintakertomuksessa 2023 "
	       "päättyneiden joukossa, ja tila on päivätty vuoden 2023 loppuun."),

	{ ENT_PROJECT, {
		[PROJECT_CODE] = "ISO SOS",
		[PROJECT_NAME] = "ISO SOS – rakenteellisen sosiaalityön osaamisen edistäminen",
		[PROJECT_DESCRIPTION] =
			"Ensimmäinen ISOn toimialueen hankkeista, joilla lisättiin tietoa ja "
			"ymmärrystä rakenteellisesta sosiaalityöstä.",
		[PROJECT_STATUS] = "closed",
		[PROJECT_THEMES] = "rakenteellinen sosiaalityö",
		[PROJECT_REGION] = ISO_AREA,
		[PROJECT_WEBSITE] = "https://www.isonet.fi/iso-toiminta/kehittamishankkeet/paattyneet-hankkeet/iso-sos.html",
	} },
	D_ROLE("ISO SOS", "ISO", "administrator", NULL),
	D_STATUS("ISO SOS", NULL, "closed", END_2023, "Päättyneiden hankkeiden joukossa (toimintakertomus 2023)"),
	D_NOTE("ISO SOS", REPORT_2023,
	       "Oletus: päättymispäivää ei kerrota; hanke on toimintakertomuksessa 2023 "
	       "päättyneiden joukossa, ja tila on päivätty vuoden 2023 loppuun."),

	{ ENT_PROJECT, {
		[PROJECT_CODE] = "RST-valmennus",
		[PROJECT_NAME] = "Rakenteellinen sosiaalityö käytäntöön -valmennus",
		[PROJECT_DESCRIPTION] =
			"Syksyllä 2023 ISO kartoitti kyselyllä toiminta-alueensa rakenteellisen "
			"sosiaalityön työryhmien nykytilaa, osaamistarpeita ja toiveita valmennuksesta. "
			"Tulosten pohjalta valmennus suunniteltiin yhteistyössä Diakin ja Xamkin "
			"kanssa. Rakenteellisen sosiaalityön osaamista tuetaan nyt pitkäjänteisesti "
			"ISOn perustyönä.",
		[PROJECT_STATUS] = "preparing",
		[PROJECT_PLANNED_START] = "2024-02-01", [PROJECT_PLANNED_END] = "2024-05-31",
		[PROJECT_THEMES] = "rakenteellinen sosiaalityö, valmennus",
		[PROJECT_REGION] = ISO_AREA,
		[PROJECT_WEBSITE] = "https://www.isonet.fi/iso-toiminta/kehittamisteemat/rakenteellinen-sosiaalityo.html",
	} },
	D_ROLE("RST-valmennus", "ISO", "administrator", NULL),
	D_ROLE("RST-valmennus", "ISO", "main_implementer", NULL),
	D_ROLE("RST-valmennus", "Diak", "partner", "Valmennuksen suunnittelu"),
	D_ROLE("RST-valmennus", "Xamk", "partner", "Valmennuksen suunnittelu"),
	D_STATUS("RST-valmennus", NULL, "preparing", "2023-09-01",
		 "Kysely rakenteellisen sosiaalityön työryhmille"),
	D_DONE("RST-valmennus", "other", "Valmennusinfo; ilmoittautuminen kevään valmennukseen alkaa",
	       "2023-12-14", "2023-12-14"),
	D_OPEN("RST-valmennus", "other", "Valmennus alkaa", "2024-02-01"),
	D_NOTE("RST-valmennus", REPORT_2023,
	       "Oletus: kyselyn aika 1.9.2023 (\"syksyllä\") ja valmennuksen kausi "
	       "1.2.–31.5.2024 (\"kevään 2024 valmennus\") ovat oletuksia."),

	{ ENT_PROJECT, {
		[PROJECT_CODE] = "RST-kansallinen",
		[PROJECT_NAME] = "Rakenteellisen sosiaalityön kansallinen kehittäminen (THL:n koordinoima)",
		[PROJECT_DESCRIPTION] =
			"Kaikki hyvinvointialueet ovat mukana THL:n koordinoimassa rakenteellisen "
			"sosiaalityön kehittämisessä, jota rahoitetaan EU-hankevaroin vuoden 2025 "
			"loppuun. Tavoitteena on kansallinen tietotuotantomalli: miten tieto tuotetaan "
			"yhtenäisellä tavalla hyvinvointialueilta kansalliseen käyttöön. Alueellinen "
			"mallipohja raamittaa hyvinvointialueiden omat toteuttamissuunnitelmat.",
		[PROJECT_STATUS] = "active",
		[PROJECT_PLANNED_END] = "2025-12-31",
		[PROJECT_THEMES] = "rakenteellinen sosiaalityö, tietotuotanto",
		[PROJECT_REGION] = "koko maa",
	} },
	D_ROLE("RST-kansallinen", "THL", "administrator", "Koordinoi"),
	D_ROLE("RST-kansallinen", "ISO", "partner", "THL:n verkosto; alueelliset tapaamiset"),
	D_ROLE("RST-kansallinen", PSHVA, "partner", NULL),
	D_ROLE("RST-kansallinen", "Eloisa", "partner", NULL),
	D_ROLE("RST-kansallinen", KAINUU, "partner", NULL),
	D_ROLE("RST-kansallinen", "Siun sote", "partner", NULL),
	D_ROLE("RST-kansallinen", "EU", "funder", NULL),
	D_FUNDING("RST-kansallinen", "EU", "EU-hankevarat vuoden 2025 loppuun", NULL, NULL, NULL),
	D_STATUS("RST-kansallinen", NULL, "active", "2023-01-01", "Hyvinvointialueet mukana kehittämisessä"),
	D_OPEN("RST-kansallinen", "other", "EU-rahoitus päättyy", "2025-12-31"),
	D_NOTE("RST-kansallinen", REPORT_2023,
	       "ISO tapaa Etelä-Savon, Kainuun, Pohjois-Karjalan ja Pohjois-Savon "
	       "hyvinvointialueiden edustajia erikseen ja yhteisesti: tilannekuva "
	       "rakenteellisesta sosiaalityöstä ja vertaisoppiminen."),
	D_NOTE("RST-kansallinen", REPORT_2023,
	       "Oletus: tekstit eivät nimeä EU-ohjelmaa eivätkä summaa (\"EU-hankevaroin "
	       "vuoden 2025 loppuun\"); tila \"käynnissä\" 1.1.2023 alkaen on oletus."),

	/* ---- Child protection, nationally ---------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "SOILA",
		[PROJECT_NAME] = "SOILA – Sosiaaliset innovaatiot lastensuojelussa -koordinaatiohanke",
		[PROJECT_DESCRIPTION] =
			"THL:n valtakunnallinen koordinaatiohanke. ISOn Varikko-hankevalmistelussa "
			"hyödynnettiin SOILAn asiantuntemusta ja sparrausta.",
		[PROJECT_STATUS] = "active",
		[PROJECT_THEMES] = "lastensuojelu, sosiaaliset innovaatiot",
		[PROJECT_REGION] = "koko maa",
		[PROJECT_WEBSITE] = "https://thl.fi/tutkimus-ja-kehittaminen/tutkimukset-ja-hankkeet/"
				    "sosiaaliset-innovaatiot-lastensuojelussa-koordinaatiohanke-soila-",
	} },
	D_ROLE("SOILA", "THL", "administrator", NULL),
	D_ROLE("SOILA", "ISO", "partner", "Sparraus Varikko-valmistelussa"),
	D_STATUS("SOILA", NULL, "active", "2023-06-01", "Käynnissä Varikko-valmistelun aikana"),
	D_NOTE("SOILA", REPORT_2023,
	       "Oletus: SOILAn kestoa tekstit eivät kerro; tila \"käynnissä\" 1.6.2023 "
	       "alkaen on päivätty Varikko-valmistelun mukaan."),

	/* ---- The collaborative area's sub-projects ------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "YTA-interventio",
		[PROJECT_NAME] = "Monialaisen intervention vaikuttavuuden arviointi paljon palveluja tarvitsevissa asiakkuuksissa",
		[PROJECT_DESCRIPTION] =
			"Itä-Suomen yhteistyöalueen osahanke, valmisteltu Pohjois-Savon "
			"hyvinvointialueen Sosiaalipalvelujen tutkimuskeskuksen ja muiden "
			"kumppaneiden kanssa. ISO osallistuu ohjausryhmään.",
		[PROJECT_STATUS] = "granted",
		[PROJECT_THEMES] = "vaikuttavuus, monialainen yhteistyö, paljon palveluja tarvitsevat",
		[PROJECT_REGION] = "Itä-Suomen yhteistyöalue",
	} },
	D_ROLE("YTA-interventio", PSHVA, "partner", "Valmisteli osahankkeen (Sosiaalipalvelujen tutkimuskeskus)"),
	D_ROLE("YTA-interventio", "ISO", "steering_group", NULL),
	D_ROLE("YTA-interventio", "STM", "funder", NULL),
	D_ROLE("YTA-interventio", "RRP", "funder", NULL),
	D_FUNDING("YTA-interventio", "STM", "EU:n elpymis- ja palautumistukiväline (RRP), YTA-osahanke", NULL, NULL, NULL),
	D_STATUS("YTA-interventio", NULL, "granted", END_2023, "Rahoitus myönnetty (STM/RRP)"),
	D_NOTE("YTA-interventio", REPORT_2023,
	       "Oletus: hallinnoijaa, summaa ja rahoituspäätöksen päivää tekstit eivät kerro; "
	       "päätös on päivätty toimintakertomusvuoden 2023 loppuun."),

	{ ENT_PROJECT, {
		[PROJECT_CODE] = "YTA-mittarit",
		[PROJECT_NAME] = "Vaikuttavuusmittareiden testaaminen ja kehittäminen paljon palveluja käyttävillä",
		[PROJECT_DESCRIPTION] =
			"Itä-Suomen yhteistyöalueen osahanke, valmisteltu Pohjois-Savon "
			"hyvinvointialueen Sosiaalipalvelujen tutkimuskeskuksen ja muiden "
			"kumppaneiden kanssa. ISO osallistuu ohjausryhmään.",
		[PROJECT_STATUS] = "granted",
		[PROJECT_THEMES] = "vaikuttavuus, mittarit, paljon palveluja tarvitsevat",
		[PROJECT_REGION] = "Itä-Suomen yhteistyöalue",
	} },
	D_ROLE("YTA-mittarit", PSHVA, "partner", "Valmisteli osahankkeen (Sosiaalipalvelujen tutkimuskeskus)"),
	D_ROLE("YTA-mittarit", "ISO", "steering_group", NULL),
	D_ROLE("YTA-mittarit", "STM", "funder", NULL),
	D_ROLE("YTA-mittarit", "RRP", "funder", NULL),
	D_FUNDING("YTA-mittarit", "STM", "EU:n elpymis- ja palautumistukiväline (RRP), YTA-osahanke", NULL, NULL, NULL),
	D_STATUS("YTA-mittarit", NULL, "granted", END_2023, "Rahoitus myönnetty (STM/RRP)"),
	D_NOTE("YTA-mittarit", REPORT_2023,
	       "Oletus: hallinnoijaa, summaa ja rahoituspäätöksen päivää tekstit eivät kerro; "
	       "päätös on päivätty toimintakertomusvuoden 2023 loppuun."),

	/* ---- SONet BOTNIA -------------------------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "PRO SOS",
		[PROJECT_NAME] = "PRO SOS – aikuissosiaalityön kehittäminen",
		[PROJECT_DESCRIPTION] =
			"Aikuissosiaalityön kehittämistyö, jonka juurruttaminen ja edistäminen "
			"Pohjanmaan maakunnissa oli SONet BOTNIAssa vuonna 2019 käynnistetty tai "
			"suunnitteilla.",
		[PROJECT_STATUS] = "active",
		[PROJECT_PLANNED_END] = "2019-12-31",
		[PROJECT_THEMES] = "aikuissosiaalityö",
		[PROJECT_REGION] = "Etelä-Pohjanmaa, Keski-Pohjanmaa, Pohjanmaa",
	} },
	D_ROLE("PRO SOS", "SONet BOTNIA", "co_implementer", "Juurruttaminen maakunnissa"),
	D_STATUS("PRO SOS", NULL, "active", SB_DAY,
		 "Juurruttaminen käynnistetty tai suunnitteilla (SONet BOTNIAn kehittämispäivä)"),
	D_NOTE("PRO SOS", SB_DAY,
	       "Oletus: tekstit kertovat vain tilanteen huhtikuussa 2019 (juurruttaminen "
	       "käynnistetty tai suunnitteilla); tila \"käynnissä\" 12.4.2019 alkaen ja "
	       "suunniteltu päättyminen SONet BOTNIAn vuoden 2019 toiminnan mukana ovat "
	       "oletuksia. Myöhemmästä tekstit eivät kerro."),

	{ ENT_PROJECT, {
		[PROJECT_CODE] = "Pohjoismainen",
		[PROJECT_NAME] = "Pohjoismainen erityistehtävä (SONet BOTNIA)",
		[PROJECT_DESCRIPTION] =
			"Valtioneuvoston asetuksen 1411/2001 (4 §) mukainen erityistehtävä: 0,75 % "
			"kulloinkin vuosittain myönnettävästä osaamiskeskusten valtionavustuksesta "
			"Pohjanmaan maakuntien sosiaalialan osaamiskeskukselle pohjoismaisten "
			"yhteistyöverkostojen luomiseksi kaikkien osaamiskeskusten käyttöön. "
			"Oskejohto määrittää tehtävän sisällön vuosittain sosiaalialan ajankohtaiseen "
			"tiedontarpeeseen liittyen.\n\n"
			"Yhden vuoden sisältö: pohjoismaiset videokonsultaatiot kehittämistyössä, "
			"reaaliaikaisina etäyhteystapaamisina (Teams) 30–45 min sessiolta, jotta "
			"menettely pysyy kevyenä eikä kuormita työpäivää; kokeilut kuvataan ja "
			"arvioidaan, minkä jälkeen toimintakonsepti mallinnetaan. Lisäksi kooste "
			"Ruotsin Framtidens socialtjänst -selvityksestä.",
		[PROJECT_STATUS] = "active",
		[PROJECT_THEMES] = "pohjoismainen yhteistyö, videokonsultaatio",
		[PROJECT_REGION] = "koko maa",
	} },
	D_ROLE("Pohjoismainen", "SONet BOTNIA", "administrator", NULL),
	D_ROLE("Pohjoismainen", "STM", "funder", "0,75 % osaamiskeskusten valtionavustuksesta"),
	D_FUNDING("Pohjoismainen", "STM", "Valtionavustus 2019, pohjoismainen erityistehtävä",
		  "2019", NULL, "22125"),
	D_STATUS("Pohjoismainen", NULL, "active", "2019-01-01",
		 "Vuosittainen erityistehtävä; vuoden 2019 osuus 22 125 €"),
	D_NOTE("Pohjoismainen", SB_DAY,
	       "Oletus: tehtävän alkua tekstit eivät kerro; tila \"käynnissä\" on kirjattu "
	       "vuoden 2019 alusta, jolta on ensimmäinen rahoitustieto. Videokonsultaatioiden "
	       "tekstissä ei ole vuotta (Framtidens socialtjänst -selvitys valmistuu 12/2020)."),

	/* ---- An idea ------------------------------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "Peliklinikka",
		[PROJECT_NAME] = "Peliklinikka-toiminnan valtakunnallistaminen",
		[PROJECT_DESCRIPTION] =
			"Osaamiskeskuksissa kansallisesti vireillä olleiden pienempien avausten "
			"joukossa vuonna 2019 (vrt. Keski-Pohjanmaan aiempi kehittämistyö). "
			"Peliklinikka on Soccan rahapelihaittojen ehkäisyn ja vähentämisen "
			"toimintaa.",
		[PROJECT_STATUS] = "idea",
		[PROJECT_THEMES] = "rahapelihaitat, ehkäisevä työ",
		[PROJECT_REGION] = "koko maa",
	} },
	D_STATUS("Peliklinikka", NULL, "idea", SB_DAY,
		 "Pienempänä avauksena vireillä (SONet BOTNIAn kehittämispäivä)"),
	D_NOTE("Peliklinikka", SB_DAY,
	       "Oletus: tekstit kertovat avauksen olleen vireillä huhtikuussa 2019; tila "
	       "\"idea\" on oletus, eikä toteuttajia nimetä."),

	/* ---- SONet BOTNIA's base funding 2019 ------------------------ */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "SONet BOTNIA 2019",
		[PROJECT_NAME] = "SONet BOTNIAn perustoiminta 2019 (valtionavustus ja kuntaraha)",
		[PROJECT_DESCRIPTION] =
			"Valtionosuus vuodelle 2019 osaamiskeskuksille yhteensä 2 950 000 €, josta "
			"SONet BOTNIAn osuus 241 551 € (tästä pohjoismaiseen erityistehtävään "
			"22 125 €), ja kuntaraha: perussopimusosapuolet 81 000 € + muut yhteensä "
			"40 120 €.",
		[PROJECT_STATUS] = "closed",
		[PROJECT_PLANNED_START] = "2019-01-01", [PROJECT_PLANNED_END] = "2019-12-31",
		[PROJECT_ACTUAL_START] = "2019-01-01", [PROJECT_ACTUAL_END] = "2019-12-31",
		[PROJECT_THEMES] = "perustoiminta",
		[PROJECT_REGION] = "Etelä-Pohjanmaa, Keski-Pohjanmaa, Pohjanmaa",
	} },
	D_ROLE("SONet BOTNIA 2019", "SONet BOTNIA", "administrator", NULL),
	D_ROLE("SONet BOTNIA 2019", "STM", "funder", NULL),
	D_ROLE("SONet BOTNIA 2019", "SONet BOTNIAn kunnat", "funder", NULL),
	/* 241 551 € less the Nordic task's 22 125 €, which is its own line
	 * above: the state's 2019 money to SONet BOTNIA adds up once. */
	D_FUNDING("SONet BOTNIA 2019", "STM",
		  "Valtionavustus 2019 (osuus 241 551 €, josta pohjoismainen erityistehtävä "
		  "22 125 € omana rivinään)", "2019", NULL, "219426"),
	D_FUNDING("SONet BOTNIA 2019", "SONet BOTNIAn kunnat", "Kuntaraha 2019: perussopimusosapuolet",
		  "2019", NULL, "81000"),
	D_FUNDING("SONet BOTNIA 2019", "SONet BOTNIAn kunnat", "Kuntaraha 2019: muut",
		  "2019", NULL, "40120"),
	D_STATUS("SONet BOTNIA 2019", NULL, "active", "2019-01-01", NULL),
	D_STATUS("SONet BOTNIA 2019", "active", "closed", "2019-12-31", NULL),
	D_NOTE("SONet BOTNIA 2019", SB_DAY,
	       "Oletus: kausi 1.1.–31.12.2019 ja päättyminen vuoden lopussa ovat oletuksia; "
	       "\"muut yht. 40 120 €\" on kirjattu kuntarahaksi samalle rahoittajalle, sillä "
	       "teksti ei erittele maksajia."),

	/* ---- ISO's own base funding ---------------------------------- */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "ISO-perustoiminta 2023",
		[PROJECT_NAME] = "ISOn perustoiminta 2023 (valtionavustus)",
		[PROJECT_DESCRIPTION] =
			"Osaamiskeskuksen perustoiminnan valtionavustus. Vuonna 2023 ISOssa "
			"työskenteli yhdeksän henkilöä, ja sosiaalityön palkallisen harjoittelun "
			"suoritti yksi opiskelija. Hallitus katsoi 15.12.2023 arviointikokouksessaan "
			"ISOn toiminnan olleen kuluneen vuoden aikana erinomaista.",
		[PROJECT_STATUS] = "reporting",
		[PROJECT_PLANNED_START] = "2023-01-01", [PROJECT_PLANNED_END] = END_2023,
		[PROJECT_ACTUAL_START] = "2023-01-01", [PROJECT_ACTUAL_END] = END_2023,
		[PROJECT_THEMES] = "perustoiminta",
		[PROJECT_REGION] = ISO_AREA,
		[PROJECT_BUDGET] = "453087",
		[PROJECT_WEBSITE] = "https://www.isonet.fi",
	} },
	D_ROLE("ISO-perustoiminta 2023", "ISO", "administrator", NULL),
	D_ROLE("ISO-perustoiminta 2023", "STM", "funder", NULL),
	D_FUNDING("ISO-perustoiminta 2023", "STM", "Sosiaalialan osaamiskeskusten valtionavustus 2023",
		  "2023", NULL, "453087"),
	D_STATUS("ISO-perustoiminta 2023", NULL, "active", "2023-01-01", NULL),
	D_STATUS("ISO-perustoiminta 2023", "active", "reporting", "2024-01-01", "Toimintakertomus 2023"),
	D_DONE("ISO-perustoiminta 2023", "steering_meeting", "Hallituksen arviointikokous",
	       "2023-12-15", "2023-12-15"),
	D_DONE("ISO-perustoiminta 2023", "report_due", "Toimintakertomus 2023", REPORT_2023, REPORT_2023),
	D_OUTCOME("ISO-perustoiminta 2023", "Julkaistut ISOblogit", "20", "kirjoitusta", END_2023),
	D_OUTCOME("ISO-perustoiminta 2023", "Henkilöstö", "9", "henkilöä", END_2023),
	D_OUTCOME("ISO-perustoiminta 2023", "ISO-yhdistyksen yhteisöjäsenet", "58", "jäsentä", END_2023),
	D_OUTCOME("ISO-perustoiminta 2023", "Hallituksen kokoukset", "7", "kokousta", END_2023),
	D_NOTE("ISO-perustoiminta 2023", REPORT_2023,
	       "Syksyllä tieto osaamiskeskusten valtionavustuksen yli miljoonan euron "
	       "leikkauksesta vuodelle 2024 yllätti; eduskunta lisäsi 200 000 euroa. "
	       "Leikkausuhan vuoksi uusia työntekijöitä ei loppuvuonna rekrytoitu."),
	D_NOTE("ISO-perustoiminta 2023", REPORT_2023,
	       "Esipuhe: ISOssa kaivattiin pitkäjänteistä kehittämistyötä sosiaalipalvelujen "
	       "henkilöstölle jo pari vuotta sitten. Hallitusohjelmassa mainittu Hyvää työtä "
	       "-ohjelma (STM) herätti lupaavia ajatuksia: jospa nyt tulisi kehittämistyön "
	       "rahoituksessakin sosiaalipalvelujen henkilöstön osaamisen kehittämisvuoro."),

	/* ---- ISO's base funding 2024: the cut ------------------------ */
	{ ENT_PROJECT, {
		[PROJECT_CODE] = "ISO-perustoiminta 2024",
		[PROJECT_NAME] = "ISOn perustoiminta 2024 (valtionavustus)",
		[PROJECT_DESCRIPTION] =
			"Osaamiskeskuksen perustoiminnan valtionavustus vuodelle 2024. Syksyllä 2023 "
			"tieto osaamiskeskusten valtionavustuksen yli miljoonan euron leikkauksesta "
			"vuodelle 2024 yllätti ja järkytti; eduskunnan joululahjarahoista tuli tähän "
			"200 000 euron lisäys ja vahvat puoltolauseet kehittämisen tärkeydestä.\n\n"
			"Asetus YTA-sopimuksista tuli voimaan heinäkuussa 2023, ja STM odottaa "
			"alueiden sopimuksia valmiiksi 30.4.2024 mennessä.",
		[PROJECT_STATUS] = "applied",
		[PROJECT_PLANNED_START] = "2024-01-01", [PROJECT_PLANNED_END] = "2024-12-31",
		[PROJECT_THEMES] = "perustoiminta",
		[PROJECT_REGION] = ISO_AREA,
	} },
	D_ROLE("ISO-perustoiminta 2024", "ISO", "administrator", NULL),
	D_ROLE("ISO-perustoiminta 2024", "STM", "funder", NULL),
	D_FUNDING("ISO-perustoiminta 2024", "STM", "Sosiaalialan osaamiskeskusten valtionavustus 2024 "
		  "(kaikille osaamiskeskuksille leikkaus yli 1 000 000 €, eduskunnan lisäys 200 000 €)",
		  "2024", NULL, NULL),
	D_STATUS("ISO-perustoiminta 2024", NULL, "applied", REPORT_2023,
		 "Valtionavustuksen leikkausuhka vuodelle 2024"),
	D_OPEN("ISO-perustoiminta 2024", "other", "YTA-sopimukset valmiina (STM)", "2024-04-30"),
	D_NOTE("ISO-perustoiminta 2024", REPORT_2023,
	       "Oletus: ISOn vuoden 2024 valtionavustuksen summaa, hakemusta ja päätöstä "
	       "tekstit eivät kerro; tila \"haettu\" ja kausi 1.1.–31.12.2024 ovat oletuksia. "
	       "YTA-sopimusten määräaika 30.4.2024 on STM:n odotus alueille, kirjattu tähän, "
	       "koska ISO seuraa sitä perustyössään."),
};

/* What the rows call records, and their uuids. */
struct demo_ref {
	enum entity_kind kind;
	const char *label;
	char uuid[UUID_LEN + 1];
};

struct demo {
	struct model *m;
	struct demo_ref refs[2 * (sizeof demo / sizeof demo[0])];
	size_t nrefs;
};

static void
remember(struct demo *d, enum entity_kind kind, const char *label,
	 const char *uuid)
{
	struct demo_ref *r;

	if (!label)
		return;
	r = &d->refs[d->nrefs++];
	r->kind = kind;
	r->label = label;
	memcpy(r->uuid, uuid, sizeof r->uuid);
}

static const char *
lookup(const struct demo *d, enum entity_kind kind, const char *label)
{
	for (size_t i = 0; i < d->nrefs; i++)
		if (d->refs[i].kind == kind && !strcmp(d->refs[i].label, label))
			return d->refs[i].uuid;
	return NULL;
}

/* An organisation already in the database (by name) is used as it is. */
static int
existing_organisation(struct demo *d, struct record *rec, bool *found)
{
	struct record *org = NULL;
	struct error e;
	int rc;

	error_clear(&e);
	rc = store_find_organisation(d->m->db, record_text(rec, ORG_NAME), &org, &e);
	*found = rc == ERR_OK;
	if (*found)
		memcpy(rec->uuid, org->uuid, sizeof rec->uuid);
	record_free(&org);
	if (rc == ERR_NOT_FOUND)
		return ERR_OK;
	if (rc != ERR_OK)
		d->m->err = e;
	return rc;
}

static int
put_row(struct demo *d, const struct demo_row *row)
{
	const struct entity_def *def = entities[row->kind];
	struct model *m = d->m;
	struct record *rec = record_new(def);
	bool found = false;
	int rc = ERR_OK;

	if (!rec)
		return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
	for (size_t i = 0; i < def->nfields && rc == ERR_OK; i++) {
		const struct field_def *f = &def->fields[i];
		const char *value = row->v[i];

		if (!value && ((row->kind == ENT_NOTE && i == NOTE_AUTHOR) ||
			       (row->kind == ENT_STATUS_CHANGE && i == STATUS_BY)))
			value = DEMO_AUTHOR;
		if (!value && row->kind == ENT_STATUS_CHANGE && i == STATUS_FORCED)
			value = "0";
		if (!value)
			continue;
		if (f->type == FT_REF) {
			const char *uuid = lookup(d, f->ref, value);

			rc = uuid ? (record_set_text(rec, (int)i, uuid) < 0 ? ERR_FAILED : ERR_OK)
				  : error_set(&m->err, ERR_FAILED, f->name,
					      "demo: %s: no %s \"%s\"", f->name,
					      entities[f->ref]->name, value);
			if (rc == ERR_FAILED && !m->err.message[0])
				error_set(&m->err, rc, NULL, "%s", _("out of memory"));
		} else {
			rc = validate_parse_field(rec, (int)i, value, &m->err);
		}
	}
	if (rc == ERR_OK)
		rc = validate_record(rec, &m->err);
	if (rc == ERR_OK && row->kind == ENT_ORGANISATION)
		rc = existing_organisation(d, rec, &found);
	if (rc == ERR_OK && !found)
		rc = store_insert(m->db, rec, m->user, &m->err);
	if (rc == ERR_OK && row->kind == ENT_ORGANISATION) {
		remember(d, ENT_ORGANISATION, row->v[ORG_NAME], rec->uuid);
		remember(d, ENT_ORGANISATION, row->v[ORG_SHORT_NAME], rec->uuid);
	} else if (rc == ERR_OK && row->kind == ENT_PROJECT) {
		remember(d, ENT_PROJECT, row->v[PROJECT_CODE], rec->uuid);
	}
	record_free(&rec);
	return rc;
}

int
model_load_demo(struct model *m)
{
	struct project_query all = { 0 };
	int64_t matching = 0, total = 0;
	struct demo *d;
	int rc;

	error_clear(&m->err);
	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if ((rc = store_project_count(m->db, &all, &matching, &total, &m->err)) != ERR_OK)
		return rc;
	if (total > 0)
		return error_set(&m->err, ERR_INVALID, NULL,
				 _("the database already has %lld projects: the demo goes into an empty one"),
				 (long long)total);
	if (!(d = calloc(1, sizeof *d)))
		return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
	d->m = m;
	if ((rc = db_begin(m->db, &m->err)) == ERR_OK) {
		for (size_t i = 0; i < sizeof demo / sizeof demo[0] && rc == ERR_OK; i++)
			rc = put_row(d, &demo[i]);
		if (rc == ERR_OK)
			rc = store_as_of_set(m->db, DEMO_AS_OF, &m->err);
		if (rc == ERR_OK)
			rc = db_commit(m->db, &m->err);
		if (rc != ERR_OK)
			db_rollback(m->db);
		else
			memcpy(m->as_of, DEMO_AS_OF, sizeof m->as_of);
	}
	free(d);
	return rc;
}
