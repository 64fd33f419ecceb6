complete --keep-order --exclusive --command apikey --arguments "(COMPLETE=fish apikey -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
