"""Coding conventions of GUIDELINES.md that cut across languages: announced
protests, stateless actors, domestic counterparts, headlines without accents."""

from __future__ import annotations

import pytest

from eventwire import analyze
from eventwire.records import to_record
from tests.analyze.coded import coded_events as _events
from tests.analyze.coded import coded_types as _types


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los profesores chilenos protestarán el lunes frente al Congreso.", "es"),
        ("Chilean teachers will protest outside Congress on Monday.", "en"),
        ("Chileense leraren gaan maandag demonstreren bij het Congres.", "nl"),
    ],
)
def test_an_announced_protest_is_a_threat_of_protest(text: str, lang: str) -> None:
    events = _events(text, lang)
    assert [(e["type"], e["cameo"]) for e in events] == [("THREATEN", "133")]
    assert events[0]["source_country"] == "CHL"


def test_a_call_to_strike_announces_the_strike_rather_than_requesting() -> None:
    text = "Los sindicatos bolivianos llamaron a una huelga general contra el gobierno."
    assert _types(text, "es") == {"THREATEN"}


def test_a_call_to_join_a_strike_that_is_under_way_is_the_strike() -> None:
    text = (
        "La huelga general de los sindicatos bolivianos comenzó el lunes. "
        "Los sindicatos bolivianos ya habían llamado a una huelga general en marzo."
    )
    assert _types(text, "es") == {"PROTEST"}


def test_an_actor_without_a_state_in_a_text_without_states_is_coded_null() -> None:
    events = _events("Guerrillas ambushed an army patrol near the river.", "en")
    assert [e["type"] for e in events] == ["ASSAULT"]
    assert events[0]["source_country"] is None


def test_an_unnamed_counterpart_in_a_story_about_one_state_is_domestic() -> None:
    text = "Ethiopia released hundreds of political prisoners on Tuesday."
    keys = {(e["type"], e["source_country"], e["target_country"]) for e in _events(text, "en")}
    assert keys == {("RETREAT", "ETH", "ETH")}


def test_a_stateless_actor_is_not_coded_where_other_states_are_named() -> None:
    text = "Gunmen attacked a convoy. France and Germany met in Paris to discuss the region."
    assert "ASSAULT" not in _types(text, "en")


def test_a_headline_in_capitals_without_accents_is_still_coded() -> None:
    assert "PROTEST" in _types("MANIFESTACION DE ESTUDIANTES EN LA CAPITAL PERUANA", "es")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Norway will send troops to Sweden if it is attacked by Russia.", "en"),
        ("Noruega enviará tropas a Suecia si es atacada por Rusia.", "es"),
    ],
)
def test_a_conditional_attack_is_not_coded(text: str, lang: str) -> None:
    assert "ASSAULT" not in _types(text, lang)


def test_a_bare_role_is_the_body_named_earlier_with_its_state() -> None:
    text = (
        "Russische reservisten zijn in Oekraïne aangekomen. "
        "Dinsdag vielen de reservisten een Oekraïens dorp aan."
    )
    sources = {e["source_country"] for e in _events(text, "nl") if e["type"] == "ASSAULT"}
    assert sources == {"RUS"}


def test_the_other_side_of_an_agreement_brings_its_whole_list() -> None:
    text = (
        "De Europese Unie en het handelsblok van Chili, Peru en Colombia zijn het "
        "dinsdag eens geworden over een handelsverdrag."
    )
    pairs = {
        frozenset({e["source_country"], e["target_country"]})
        for e in _events(text, "nl")
        if e["type"] == "AGREE"
    }
    assert pairs == {frozenset({"EU", c}) for c in ("CHL", "PER", "COL")}


def test_aid_goes_to_the_states_where_the_victims_are() -> None:
    text = (
        "Japan sent emergency aid to the victims of the earthquake that struck in Nepal and Bhutan."
    )
    targets = {e["target_country"] for e in _events(text, "en") if e["type"] == "AID"}
    assert targets == {"NPL", "BTN"}


def test_a_progressive_verb_is_active_and_a_far_by_phrase_is_no_agent() -> None:
    text = (
        "Norway is giving €3 million, paid through the Red Cross, to help people "
        "hit by floods in Bangladesh."
    )
    keys = {(e["type"], e["source_country"], e["target_country"]) for e in _events(text, "en")}
    assert keys == {("AID", "NOR", "BGD")}


def test_the_actor_named_inside_a_nominal_trigger_is_its_source() -> None:
    text = "NATO allies are nervous about a Russian troop buildup close to Ukraine."
    sources = {e["source_country"] for e in _events(text, "en") if e["type"] == "MOBILIZE"}
    assert sources == {"RUS"}


def test_a_second_reaction_answers_the_act_not_the_first_reaction() -> None:
    text = (
        "Corea del Norte disparó un misil que cayó cerca de Japón, que elevó una protesta. "
        "El lanzamiento fue condenado también por Corea del Sur."
    )
    keys = {(e["type"], e["source_country"], e["target_country"]) for e in _events(text, "es")}
    assert ("ACCUSE", "KOR", "PRK") in keys


def test_a_future_cue_in_another_clause_does_not_make_the_act_future() -> None:
    text = "Los sindicatos levantaron, antes de lo previsto, la huelga que paralizó Bolivia."
    assert "THREATEN" not in _types(text, "es")


def test_a_news_agency_is_a_witness_not_a_state_of_the_story() -> None:
    text = "Guerrillas ambushed an army patrol near the river, officials told AFP."
    events = _events(text, "en")
    assert [(e["type"], e["source_country"]) for e in events] == [("ASSAULT", None)]


def test_an_act_right_after_another_is_its_object() -> None:
    assert _types("The mayor banned demonstrations in the city centre.", "en") == {"COERCE"}


def test_a_condition_with_until_is_not_an_act() -> None:
    text = "Kenyan teachers will not return to work until the government grants their demands."
    assert "CONCEDE" not in _types(text, "en")


def test_a_none_row_blocks_the_trigger_words_it_covers() -> None:
    text = "La marcha fue organizada en Lima a pedido de los sindicatos peruanos."
    assert "REQUEST" not in _types(text, "es")


def test_a_generic_title_is_the_person_named_most_recently_by_name_or_title() -> None:
    text = (
        "El canciller de Chile, Mario Ramírez Soto, criticó el plan del presidente "
        "argentino Javier Milei.\n\n"
        "«No vamos a aceptar ninguna imposición de nadie», sostuvo el canciller.\n\n"
        "El funcionario insistió en que existen «asuntos que no son negociables nunca»."
    )
    speakers = [q["speaker"] for q in to_record(analyze(text, lang="es"))["quotes"]]
    assert speakers and all(s.endswith("Soto") for s in speakers)


def test_a_surname_that_is_also_a_state_name_alone_is_the_state() -> None:
    record = to_record(analyze("Serbia and Montenegro held talks in Belgrade.", lang="en"))
    assert {"SRB", "MNE"} <= set(record["countries"])


def test_a_known_speakers_appeal_to_unnamed_parties_keeps_a_null_target() -> None:
    text = "France urged all parties to the conflict in Sudan and Chad to show restraint."
    keys = {(e["type"], e["source_country"], e["target_country"]) for e in _events(text, "en")}
    assert ("REQUEST", "FRA", None) in keys


def test_an_agreed_withdrawal_keeps_its_type() -> None:
    text = "Syria agreed to withdraw its troops from Lebanon."
    keys = {(e["type"], e["source_country"]) for e in _events(text, "en")}
    assert ("RETREAT", "SYR") in keys


def test_a_future_ending_is_read_on_the_triggers_own_words() -> None:
    text = "Miles de estudiantes iraníes manifiestan en Teherán contra el gobierno."
    assert _types(text, "es") == {"PROTEST"}


def test_a_protest_whose_crowd_has_no_state_keeps_null_sides() -> None:
    text = (
        "Miles de estudiantes marcharon por el centro de la capital. "
        "Francia y Alemania firmaron un acuerdo el lunes."
    )
    events = [e for e in _events(text, "es") if e["type"] == "PROTEST"]
    assert events and events[0]["source_country"] is None


def test_an_act_dated_to_an_earlier_year_is_background() -> None:
    text = "Desde las protestas de 2018, cientos de opositores nicaragüenses viven en el exilio."
    assert "PROTEST" not in {e.type for e in analyze(text, lang="es", date="2024-05-01").events}


def test_a_quantity_before_of_leaves_the_crowd_as_subject() -> None:
    text = "Thousands of Chilean students marched against the education reform."
    keys = {(e["type"], e["source_country"]) for e in _events(text, "en")}
    assert ("PROTEST", "CHL") in keys


def test_the_object_inside_a_separable_verb_is_its_target() -> None:
    text = (
        "Zelensky beschuldigde Rusland van terreur en riep Washington op om meer wapens te sturen."
    )
    keys = {(e["type"], e["source_country"], e["target_country"]) for e in _events(text, "nl")}
    assert ("REQUEST", "UKR", "USA") in keys


def test_a_word_of_the_trigger_is_no_actor() -> None:
    text = "Greece lodged an official protest with Albania over the incident."
    keys = {(e["type"], e["source_country"], e["target_country"]) for e in _events(text, "en")}
    assert ("ACCUSE", "GRC", "ALB") in keys


def test_a_title_with_a_state_introduces_the_name_that_follows() -> None:
    text = (
        "De Eritrese ambassadeur moet het land verlaten. Het kabinet heeft Tesfay Mebrahtu "
        "ongewenst verklaard. Eerder werd de Syrische ambassadeur weggestuurd."
    )
    record = to_record(analyze(text, lang="nl"))
    people = {p["name"]: p.get("country") for p in record.get("people", [])}
    assert people.get("Tesfay Mebrahtu") == "ERI"


def test_a_past_form_of_a_future_verb_is_no_future_cue() -> None:
    assert _types("Macron ging dinsdag met Scholz overleggen over de oorlog.", "nl") == {"CONSULT"}
    assert _types("Macron gaat dinsdag met Scholz overleggen over de oorlog.", "nl") == {"AGREE"}


def test_a_merged_fact_keeps_the_evidence_of_its_most_confident_mention() -> None:
    import dataclasses

    from eventwire.analyze.events import merge
    from eventwire.model import Span

    doc = analyze("Russia held talks with China in Beijing.", lang="en")
    event = next(e for e in doc.events if e.type == "CONSULT")
    weak = dataclasses.replace(event, confidence=0.5, mentions=1, trigger=Span(start=0, end=6))
    strong = dataclasses.replace(event, confidence=0.9, mentions=1)
    merged = merge([weak, strong])
    assert len(merged) == 1
    assert merged[0].trigger == strong.trigger and merged[0].mentions == 2


def test_an_event_with_a_side_unknown_is_less_confident() -> None:
    null_side = _events("Guerrillas ambushed an army patrol near the river.", "en")[0]
    both = _events("Russia attacked Ukraine on Monday.", "en")[0]
    assert null_side["confidence"] < both["confidence"]


def test_two_states_joined_in_one_word_are_both_sides() -> None:
    text = "Brazil called for restraint in the worsening Peru-Ecuador border dispute."
    targets = {e["target_country"] for e in _events(text, "en") if e["type"] == "REQUEST"}
    assert targets == {"PER", "ECU"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Los campesinos peruanos marcharon en rechazo a la nueva ley de aguas.", "es", "PROTEST"),
        ("Los mineros chilenos protestaron contra la detención de su dirigente.", "es", "PROTEST"),
        ("Kenyan nurses marched against the arrest of their union leader.", "en", "PROTEST"),
    ],
)
def test_the_act_a_protest_is_about_is_no_second_report(
    text: str, lang: str, expected: str
) -> None:
    assert _types(text, lang) == {expected}


def test_a_protest_named_after_a_preposition_is_the_setting_and_stays() -> None:
    text = "La policía boliviana detuvo a diez estudiantes en una protesta en La Paz."
    assert _types(text, "es") == {"COERCE", "PROTEST"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Miles de personas se reunieron el domingo en la plaza central de Quito.", "PROTEST"),
        ("Miles de jubilados desfilaron por la avenida principal de Montevideo.", "PROTEST"),
        ("Los rebeldes se apoderaron de los fusiles de la guarnición colombiana.", "COERCE"),
        (
            "Tres hombres que se movilizaban en un camión dispararon contra un soldado colombiano.",
            "ASSAULT",
        ),
    ],
)
def test_spanish_crowds_marching_and_seizures(text: str, expected: str) -> None:
    assert _types(text, "es") == {expected}


def test_between_names_the_parties_of_the_act_it_follows_not_of_every_act() -> None:
    text = (
        "Taxistas de Santiago de los Caballeros quemaron neumáticos en protesta por la"
        " subida de la gasolina y el pacto entre el gobierno dominicano y el Banco Mundial."
    )
    protests = [e for e in _events(text, "es") if e["type"] == "PROTEST"]
    assert [(e["source_country"], e["target_country"]) for e in protests] == [("DOM", "DOM")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El paro de los maestros ecuatorianos cumplió su tercer día en Quito.", {"PROTEST"}),
        ("La tasa de paro bajó en España al 12 por ciento en marzo.", set()),
        ("El ministro venezolano murió de un paro cardíaco en Caracas.", set()),
        ("Los camioneros bolivianos cerraron la carretera a Oruro.", {"PROTEST"}),
    ],
)
def test_spanish_strikes_and_road_blocks(text: str, expected: set[str]) -> None:
    assert _types(text, "es") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los maestros peruanos continuarán sus protestas frente al Congreso.", "es"),
        ("Peruvian teachers will continue their protests outside Congress.", "en"),
    ],
)
def test_continuing_a_protest_reports_it_rather_than_announcing_it(text: str, lang: str) -> None:
    assert _types(text, lang) == {"PROTEST"}


def test_a_request_to_those_on_strike_does_not_announce_the_strike() -> None:
    text = "El gobierno hondureño pidió a los enfermeros en huelga una pausa."
    assert _types(text, "es") == {"PROTEST", "REQUEST"}


def test_a_meeting_in_the_conditional_of_reported_speech_is_an_intention() -> None:
    text = "El presidente peruano anunció que se reuniría con el mandatario chileno."
    assert _types(text, "es") == {"AGREE"}


def test_a_noun_with_a_conditional_ending_is_no_conditional() -> None:
    text = "El ejército ruso bombardeó con artillería la ciudad ucraniana de Járkov."
    assert _types(text, "es") == {"ASSAULT"}


def test_an_act_awaited_until_it_happens_is_not_reported() -> None:
    text = "Los estibadores chilenos seguirán en paro hasta que se reúnan con la ministra."
    assert "CONSULT" not in _types(text, "es")


def test_a_named_actor_without_a_state_keeps_its_event_with_a_null_side() -> None:
    text = (
        "El presidente argentino viajó a Chile. En Buenos Aires, la CGT acusó a los"
        " empresarios de despedir a cientos de obreros."
    )
    accusations = [e for e in _events(text, "es") if e["type"] == "ACCUSE"]
    assert len(accusations) == 1
    assert accusations[0]["source_country"] is None


def test_a_demanded_resignation_far_from_the_demand_is_only_demanded() -> None:
    text = (
        "Cientos de maestros uruguayos exigieron el martes por la tarde ante el ministerio"
        " la dimisión del ministro de Educación."
    )
    assert "RETREAT" not in _types(text, "es")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Moscow denied that its officials had held talks with Kyiv.", "en"),
        ("El Kremlin negó que sus enviados se hubieran reunido con Kiev.", "es"),
    ],
)
def test_a_denial_negates_the_act_it_denies_from_further_away(text: str, lang: str) -> None:
    assert [e["negated"] for e in _events(text, lang) if e["type"] == "CONSULT"] == [True]


def test_a_negation_particle_far_before_the_act_belongs_to_another_phrase() -> None:
    text = "No march in Dhaka has led to more detentions than the strike of June."
    assert all(not e["negated"] for e in _events(text, "en") if e["type"] == "COERCE")


def test_a_refusal_stays_a_rejection() -> None:
    text = "El gremio docente guatemalteco se negó a firmar el convenio con el ministerio."
    assert _types(text, "es") == {"REJECT"}


def test_the_leaders_of_a_body_act_for_it() -> None:
    text = "Los dirigentes del sindicato guatemalteco se negaron a firmar el convenio colectivo."
    events = _events(text, "es")
    assert [(e["type"], e["source_country"]) for e in events] == [("REJECT", "GTM")]


def test_a_name_opening_the_sentence_before_an_apposition_is_a_person() -> None:
    events = _events(
        "Blanca Flores, líder de la federación campesina, acusó a los senadores de fraude.", "es"
    )
    assert [(e["type"], e["source"]) for e in events] == [("ACCUSE", "Blanca Flores")]


def test_a_named_body_that_demands_keeps_its_request_without_a_target() -> None:
    text = (
        "El canciller austriaco viajó a Italia. El Partido Verde reclamó hoy"
        " que se suspenda el transporte de residuos nucleares."
    )
    requests = [e for e in _events(text, "es") if e["type"] == "REQUEST"]
    assert [(e["source"], e["target_country"]) for e in requests] == [("Partido Verde", None)]


def test_property_burnt_by_a_crowd_is_a_riot() -> None:
    events = _events("Los estudiantes chilenos incendiaron un autobús en Santiago.", "es")
    assert [(e["type"], e["mode"], e["cameo"]) for e in events] == [("PROTEST", "riot", "145")]
    assert "a riot" in events[0]["explanation"]


def test_property_burnt_in_a_protest_is_the_riot_itself() -> None:
    text = "Durante la protesta contra el gobierno boliviano fueron incendiados dos autobuses."
    assert _types(text, "es") == {"PROTEST"}


def test_the_motive_of_a_strike_set_off_by_a_comma_is_no_second_report() -> None:
    text = (
        "La CGT paralizó este jueves la Argentina con una huelga general contra el"
        " Gobierno, en rechazo a los recortes en las jubilaciones."
    )
    assert _types(text, "es") == {"PROTEST"}


def test_a_player_who_scores_signs_no_agreement() -> None:
    text = "El brasileño Rodrygo firmó el tercero antes del descanso en Madrid."
    assert _types(text, "es") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Los mineros bolivianos apoyaron la huelga general convocada por la COB.",
        "La huelga general fue respaldada por los maestros bolivianos.",
    ],
)
def test_backing_a_protest_is_taking_part_in_it(text: str) -> None:
    assert _types(text, "es") == {"PROTEST"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los partidos de Irlanda del Norte firmaron un acuerdo en Belfast.", "es"),
        ("The parties of Northern Ireland signed a deal in Belfast.", "en"),
        ("De partijen in Noord-Ierland tekenden een akkoord in Belfast.", "nl"),
    ],
)
def test_northern_ireland_is_the_united_kingdom(text: str, lang: str) -> None:
    assert to_record(analyze(text, lang=lang))["countries"] == ["GBR"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "El ministerio argentino y los camioneros reanudaron el jueves las conversaciones.",
            "CONSULT",
        ),
        (
            "El ministerio argentino y los camioneros reanudarán el jueves las conversaciones.",
            "AGREE",
        ),
    ],
)
def test_resumed_talks_took_place_and_resuming_talks_is_an_intention(
    text: str, expected: str
) -> None:
    assert _types(text, "es") == {expected}


def _negations(text: str, lang: str) -> dict[str, bool]:
    return {e["type"]: e["negated"] for e in _events(text, lang)}


def test_a_negation_in_the_clause_after_the_trigger_belongs_to_that_clause() -> None:
    text = "La ministra chilena advirtió que no negociará con los camioneros."
    assert _negations(text, "es").get("THREATEN") is False


def test_a_negation_after_a_spanish_noun_negates_the_verb_that_follows() -> None:
    text = "La huelga de los choferes peruanos no tuvo eco entre los comerciantes."
    assert _negations(text, "es") == {"PROTEST": False}


def test_a_dutch_negation_at_the_end_of_the_clause_negates_the_act() -> None:
    text = "De Venezolaanse regering ondertekende het verdrag niet."
    assert _negations(text, "nl") == {"SUPPORT": True}


def test_a_negation_before_a_coordinated_verb_does_not_reach_the_next_one() -> None:
    text = "La candidata perdedora se negó a aceptar el resultado y convocará marchas semanales."
    assert _negations(text, "es").get("THREATEN") is False


def test_a_protest_called_for_a_day_gone_by_was_held() -> None:
    events = _events("Los gremios ecuatorianos convocaron a una huelga el pasado 3 de marzo.", "es")
    assert [e["type"] for e in events] == ["PROTEST"]
    assert "held, not announced" in events[0]["explanation"]


def test_a_future_in_a_headline_without_accents_is_still_a_future() -> None:
    text = "PESCADORES ARTESANALES PROTESTARAN EL LUNES EN VALPARAISO"
    assert [(e["type"], e["cameo"]) for e in _events(text, "es")] == [("THREATEN", "133")]


def test_protesters_acting_in_a_sentence_that_names_no_act_are_protesting() -> None:
    events = _events("Cientos de manifestantes cantaban frente al parlamento en Lima.", "es")
    assert [(e["type"], e["cameo"]) for e in events] == [("PROTEST", "140")]
    assert events[0]["explanation"].startswith("no lexicon entry")


def test_protesters_acted_upon_or_in_a_subordinate_clause_are_not_protesting() -> None:
    assert _types("Los manifestantes fueron rodeados por la policía en La Paz.", "es") == set()
    assert _types("Years after crowds wrecked its consulate, Quito reopened it.", "en") == set()


def test_a_union_congress_is_not_the_us_congress() -> None:
    text = "The Trade Union Congress of Nigeria walked off the job on Monday in Abuja."
    assert "USA" not in to_record(analyze(text, lang="en"))["countries"]
    assert all(e["source_country"] != "USA" for e in _events(text, "en"))


def test_the_speaker_who_reports_an_attack_does_not_commit_it() -> None:
    text = (
        "Ana Ruiz, the IMF mission chief for Moldova, said growth would stay weak"
        " because of the attacks on the energy system."
    )
    assert all(e["source_country"] != "IMF" for e in _events(text, "en"))


def test_a_speaker_who_reports_his_own_arrests_made_them() -> None:
    events = _events("Kenyan police said they arrested twenty protesters in Nairobi.", "en")
    assert [(e["type"], e["source_country"]) for e in events] == [("COERCE", "KEN")]


def test_a_strike_set_for_a_coming_day_is_announced() -> None:
    text = (
        "Los choferes colombianos discuten los detalles de una huelga general"
        " prevista para el lunes."
    )
    assert [(e["type"], e["cameo"]) for e in _events(text, "es")] == [("THREATEN", "133")]


def test_a_title_before_a_city_name_names_a_person() -> None:
    record = to_record(
        analyze("Los estudiantes pidieron la destitución del ministro Valencia.", lang="es")
    )
    assert "USA" not in record["countries"] and "ESP" not in record["countries"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La policía lanzó gases lacrimógenos contra los estudiantes en Quito.", "es"),
        ("Police fired tear gas at students in Quito.", "en"),
        ("De politie zette traangas in tegen studenten in Quito.", "nl"),
    ],
)
def test_riot_control_weapons_fired_are_violent_repression(text: str, lang: str) -> None:
    # CAMEO 175, which the CAMEO-to-PLOVER table puts under ASSAULT
    assert [(e["type"], e["cameo"]) for e in _events(text, lang)] == [("ASSAULT", "175")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La policía dispersó con gases lacrimógenos a los estudiantes en Quito.", "es"),
        ("Police dispersed the students with tear gas in Quito.", "en"),
        ("De politie dreef de studenten in Quito uiteen met traangas.", "nl"),
    ],
)
def test_weapons_used_to_disperse_are_the_means_of_one_coercive_act(text: str, lang: str) -> None:
    assert _types(text, lang) == {"COERCE"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Los camioneros chilenos irán a la huelga el lunes, en protesta por el alza del peaje.",
            "es",
            {"THREATEN"},
        ),
        (
            "Chilean truckers will strike on Monday in protest at the higher tolls.",
            "en",
            {"THREATEN"},
        ),
        (
            "Los camioneros bloquearon la ruta el lunes en protesta por el alza del peaje.",
            "es",
            {"PROTEST"},
        ),
    ],
)
def test_a_protest_named_as_the_purpose_of_a_protest_is_the_same_act(
    text: str, lang: str, expected: set[str]
) -> None:
    events = _events(text, lang)
    assert {e["type"] for e in events} == expected
    assert len(events) == 1


def test_a_participle_set_off_by_a_comma_describes_and_reports_no_act() -> None:
    text = "El exgobernador Ramírez, acusado de corrupción, viajó el lunes a Lima."
    assert "ACCUSE" not in _types(text, "es")
    assert "ACCUSE" in _types("La fiscalía acusó de corrupción al exgobernador Ramírez.", "es")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los camioneros chilenos suspendieron el martes el bloqueo de la ruta 5.", "es"),
        ("Chilean dockworkers abandoned their strike over pay on Tuesday.", "en"),
    ],
)
def test_ending_a_protest_is_a_concession(text: str, lang: str) -> None:
    events = _events(text, lang)
    assert [(e["type"], e["cameo"]) for e in events] == [("CONCEDE", "082")]
    assert events[0]["source_country"] == "CHL"


def test_raising_barricades_or_striking_for_days_ends_nothing() -> None:
    assert "CONCEDE" not in _types("Los estudiantes levantaron barricadas en Santiago.", "es")
    text = "Los maestros peruanos marcharon tras 30 días de huelga."
    assert "CONCEDE" not in _types(text, "es")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Paraguay protestó el lunes por las declaraciones del canciller argentino.", "es"),
        ("Paraguay protested on Monday against the remarks of the Argentine minister.", "en"),
    ],
)
def test_a_state_that_protests_complains_in_words(text: str, lang: str) -> None:
    assert [(e["type"], e["cameo"]) for e in _events(text, lang)] == [("ACCUSE", "114")]


def test_people_or_a_walkout_protesting_is_still_a_protest() -> None:
    assert _types("Los paraguayos protestaron frente al puente fronterizo.", "es") == {"PROTEST"}
    text = "La delegación paraguaya se retiró de la cumbre para protestar contra Argentina."
    assert "ACCUSE" not in _types(text, "es")


def test_a_named_act_takes_the_tense_of_its_verb() -> None:
    text = "Perú y Chile anunciaron que las negociaciones se reanudarán el lunes en Lima."
    assert _types(text, "es") == {"AGREE"}
    text = "Según los dirigentes bolivianos, las protestas continuarán el lunes en La Paz."
    assert _types(text, "es") == {"PROTEST"}


def test_a_meeting_agreed_on_calls_for_no_protest() -> None:
    text = "El ministro peruano se reunirá el jueves con los organizadores de la huelga."
    assert "THREATEN" not in _types(text, "es")


def test_armed_men_blocking_a_road_impose_a_blockade() -> None:
    text = "Guerrilleros de las FARC bloquearon la vía entre Pasto y Popayán."
    assert [(e["type"], e["cameo"]) for e in _events(text, "es")] == [("COERCE", "191")]
    text = "Soldados colombianos bloquearon la vía a Pasto para protestar por sus sueldos."
    assert "PROTEST" in _types(text, "es")


def test_a_rejection_named_as_the_motive_of_a_protest_is_what_it_says() -> None:
    text = "En rechazo al alza del pasaje, los estudiantes chilenos bloquearon la Alameda."
    assert _types(text, "es") == {"PROTEST"}
    text = "Los vecinos de Santiago hicieron sonar cacerolas el lunes, en repudio al alza."
    assert _types(text, "es") == {"PROTEST"}


def test_hooded_youths_burning_a_bus_are_rioting() -> None:
    text = "Un grupo de encapuchados incendió un autobús en el centro de Valparaíso."
    assert [(e["type"], e["cameo"]) for e in _events(text, "es")] == [("PROTEST", "145")]


def test_protesters_named_with_two_roles_are_one_crowd() -> None:
    text = "Los manifestantes cocaleros rodeaban desde el lunes el cuartel de Cochabamba."
    assert _types(text, "es") == {"PROTEST"}
