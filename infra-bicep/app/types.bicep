// Types shared by the modules.

@export()
@description('Resource tags: string values by tag name.')
type tagsType = {
  *: string
}
