"""An inspection over RATINGS_MAX_FILE_MB=1: refused before it is read, with both sizes in megabytes."""


def run(h):
    document = h.load(h.example().name)
    document["notes"] = "x" * (3 * 1024 * 1024 // 2)
    h.json("big.json", document)
    h.ratings("evaluate", "big.json", env={"RATINGS_MAX_FILE_MB": "1"}).refused(
        "too-large", "big.json", "the file is 1.5 MB, more than the limit of 1 MB", "RATINGS_MAX_FILE_MB")
    h.ratings("evaluate", "big.json", env={"RATINGS_MAX_FILE_MB": "2"}).ok()
