"""Drawn illustrations for the demo data: flat pictures of a neighbourhood (streets, a
garden, a café, a festival ...) instead of photos we have no rights to.

The pictures are committed under `images/`, so the demo never draws them; to draw them
again after changing a scene: `python -m stadtteilbuero.illustrations`. The alt text of
each picture lives here, next to its name, and describes what the drawing shows.
"""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent / "images"
CREDIT = "Illustration: Stadtteilportal"
LICENCE = "CC0 1.0"

ALT_TEXTS = {
    "strasse": (
        "Illustration: Eine Wohnstraße mit bunten Mehrfamilienhäusern und Bäumen. Auf dem "
        "Gehweg gehen Erwachsene mit einem Kind, eine Person winkt, ein älterer Mann sitzt "
        "auf einer Bank."
    ),
    "buero-gruen": (
        "Illustration: Ein Stadtteilbüro im Erdgeschoss eines Wohnhauses mit grüner Markise, "
        "zwischen einem Friseur und einem Blumenladen. Vor dem Schaufenster stehen eine Bank "
        "und ein Fahrrad, eine Frau winkt."
    ),
    "buero-terrakotta": (
        "Illustration: Ein Stadtteilbüro im Erdgeschoss eines Wohnhauses mit roter Markise, "
        "zwischen einem Friseur und einem Blumenladen. Vor dem Schaufenster stehen eine Bank "
        "und ein Fahrrad, eine Frau winkt."
    ),
    "familienzentrum": (
        "Illustration: Ein neues Stadtteil- und Familienzentrum aus Holz und Glas mit "
        "Kinderbildern in den Fenstern und einer Rampe zum Eingang. Davor spielen Kinder im "
        "Sandkasten, eine Frau steht mit einem Kinderwagen, ein Mann winkt."
    ),
    "sanierung": (
        "Illustration: Ein Wohnhaus wird saniert. An der Fassade steht ein Gerüst, auf dem "
        "ein Maler arbeitet; zum Eingang führt eine neue flache Rampe."
    ),
    "garten": (
        "Illustration: Ein Gemeinschaftsgarten im Hof eines Wohnblocks. Zwischen Hochbeeten "
        "mit Tomaten, Salat und Blumen tragen zwei Erwachsene Pflanzen, ein Kind winkt."
    ),
    "beete": (
        "Illustration: Bewohnerinnen und Bewohner jeden Alters halten Blumentöpfe in den "
        "Händen, hinter ihnen frisch bepflanzte Beete vor Wohnblöcken."
    ),
    "spielplatz": (
        "Illustration: Ein Spielplatz mit Schaukel, Sandkasten und Rutsche, dahinter Bäume "
        "und ein überdachter Sitzplatz. Kinder spielen, eine Erwachsene winkt."
    ),
    "treffpunkt": (
        "Illustration: Ein überdachter Treffpunkt mit Bänken auf einer Wiese. Jugendliche "
        "sitzen und reden, daneben wirft einer einen Ball auf einen Basketballkorb."
    ),
    "bolzplatz": (
        "Illustration: Jugendliche spielen Fußball auf einem umzäunten Kleinspielfeld vor "
        "Wohnhäusern."
    ),
    "strand": (
        "Illustration: Ein Stadtstrand zwischen Wohnhäusern mit Sand, Liegestühlen und "
        "Sonnenschirmen. Zwei Kinder spielen an einer Sandburg mit einem Ball."
    ),
    "stadtteilfest": (
        "Illustration: Ein Stadtteilfest auf einem Platz mit Wimpelketten. Auf einer Bühne "
        "treten drei Menschen auf, daneben ein Imbissstand, davor viele Gäste."
    ),
    "kunstaktion": (
        "Illustration: Nachbarinnen und Nachbarn malen auf einem Platz gemeinsam bunte Bilder "
        "auf großen Tafeln an Staffeleien."
    ),
    "wandbild": (
        "Illustration: Ein großes, buntes Wandbild mit Kreisen und Bergformen. Zwei "
        "Jugendliche und ein Kind malen mit Pinseln daran, davor stehen Farbeimer."
    ),
    "rundgang": (
        "Illustration: Eine Gruppe steht auf dem Gehweg einer Wohnstraße. Ein Mann mit "
        "Stadtplan erklärt etwas, ein Schild zeigt den Weg."
    ),
    "lichtkunst": (
        "Illustration: Hausfassaden bei Nacht, von Scheinwerfern bunt angestrahlt. Davor "
        "stehen Menschen und schauen zu."
    ),
    "cafe": (
        "Illustration: Ein Nachbarschaftscafé. Menschen sitzen an zwei Tischen bei Kaffee "
        "und Kuchen, eine Frau bringt eine Tasse, hinten eine Küchenzeile."
    ),
    "beratung": (
        "Illustration: Ein heller Beratungsraum. Zwei Menschen sitzen mit Unterlagen und "
        "Kaffee an einem runden Tisch, daneben ein Regal mit Ordnern."
    ),
    "pinnwand": (
        "Illustration: Menschen stehen in einem Gruppenraum um eine Pinnwand mit bunten "
        "Karten; eine Frau heftet eine neue Karte an."
    ),
    "lernen": (
        "Illustration: Ein Kind und eine Lernpatin sitzen an einem Tisch mit Lampe über "
        "einem aufgeschlagenen Heft, dahinter ein Regal mit Spielen und eine Landkarte."
    ),
    "bibliothek": (
        "Illustration: In einer Bibliothek sitzen Menschen an einem langen Tisch und "
        "schreiben in Hefte, dahinter volle Bücherregale."
    ),
    "saal": (
        "Illustration: Ein Saal mit Stuhlreihen, von hinten gesehen. Vorne erklärt ein Mann "
        "neben einer Leinwand einen Plan des Stadtteils."
    ),
}


def path(name: str) -> Path:
    return DIRECTORY / f"{name}.webp"
