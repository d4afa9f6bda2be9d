"""Township duty lists (履职事项清单): raw items judged and classed, drafts sent up and down in rounds (三上三下), published versions and their documents."""
