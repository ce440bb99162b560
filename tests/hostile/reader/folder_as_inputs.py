"""A folder named like a JSON file given where a file is read: as --framework FILE, as --previous, as replay's RESULT and INSPECTION."""


def run(h):
    h.example()
    h.path("folder.json/inside").mkdir()
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "./folder.json").refused("not-a-file", "folder.json", "a folder")
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--previous", "folder.json").refused("not-a-file", "folder.json", "a folder")
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--format", "json", "-o", "result.json").ok()
    h.ratings("replay", "result.json", "folder.json").refused("not-a-file", "folder.json", "a folder")
    h.ratings("replay", "folder.json", "south-yorkshire-crc-2020.json").refused("not-a-file", "folder.json", "a folder")
